from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.schedule_edit import ScheduleEdit
    from ..models.variable_values import VariableValues


T = TypeVar("T", bound="OrderEdit")


@_attrs_define
class OrderEdit:
    """The fields of an order to change; at least one. `programName` alone is a valid edit."""

    program_name: str | Unset = UNSET
    """ A custom name for the order, shown as its program's name. Optional when placing either kind of order; an
    edit may change it, alone or with other fields. """
    payment_amount: float | Unset = UNSET
    """ An amount in US dollars, rounded to two decimals. """
    schedule: ScheduleEdit | Unset = UNSET
    """ The schedule fields to change. Subscriptions have no end to change. """
    variable_values: VariableValues | Unset = UNSET
    """ Creative data for the product, keyed by variable name; supplies or overrides what content
    items give. Depending on the product, some variables (a marketing account id, for example)
    become immutable once the order is placed: an order edit must not include them.
     """

    def to_dict(self) -> dict[str, Any]:
        program_name = self.program_name

        payment_amount = self.payment_amount

        schedule: dict[str, Any] | Unset = UNSET
        if not isinstance(self.schedule, Unset):
            schedule = self.schedule.to_dict()

        variable_values: dict[str, Any] | Unset = UNSET
        if not isinstance(self.variable_values, Unset):
            variable_values = self.variable_values.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if program_name is not UNSET:
            field_dict["programName"] = program_name
        if payment_amount is not UNSET:
            field_dict["paymentAmount"] = payment_amount
        if schedule is not UNSET:
            field_dict["schedule"] = schedule
        if variable_values is not UNSET:
            field_dict["variableValues"] = variable_values

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.schedule_edit import ScheduleEdit
        from ..models.variable_values import VariableValues

        d = dict(src_dict)
        program_name = d.pop("programName", UNSET)

        payment_amount = d.pop("paymentAmount", UNSET)

        _schedule = d.pop("schedule", UNSET)
        schedule: ScheduleEdit | Unset
        if isinstance(_schedule, Unset):
            schedule = UNSET
        else:
            schedule = ScheduleEdit.from_dict(_schedule)

        _variable_values = d.pop("variableValues", UNSET)
        variable_values: VariableValues | Unset
        if isinstance(_variable_values, Unset):
            variable_values = UNSET
        else:
            variable_values = VariableValues.from_dict(_variable_values)

        order_edit = cls(
            program_name=program_name,
            payment_amount=payment_amount,
            schedule=schedule,
            variable_values=variable_values,
        )

        return order_edit
