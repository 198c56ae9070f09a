from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.object_state import ObjectState, check_object_state
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.targeting import Targeting


T = TypeVar("T", bound="LineItemChanges")


@_attrs_define
class LineItemChanges:
    """A line item to create or update at the id of the path; fields left out are not modified."""

    name: str | Unset = UNSET
    object_state: ObjectState | Unset = UNSET
    """ `ACTIVE`: visible and usable; `INACTIVE`: visible, not usable; `HIDDEN`: neither. """
    start_date: datetime.datetime | None | Unset = UNSET
    """ An ISO 8601 date and time, in UTC. """
    end_date: datetime.datetime | None | Unset = UNSET
    """ An ISO 8601 date and time, in UTC. """
    targeting: Targeting | Unset = UNSET
    """ The targeting object (the documentation's Targeting object page); it replaces the stored one. """

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        object_state: str | Unset = UNSET
        if not isinstance(self.object_state, Unset):
            object_state = self.object_state

        start_date: None | str | Unset
        if isinstance(self.start_date, Unset):
            start_date = UNSET
        elif isinstance(self.start_date, datetime.datetime):
            start_date = self.start_date.isoformat()
        else:
            start_date = self.start_date

        end_date: None | str | Unset
        if isinstance(self.end_date, Unset):
            end_date = UNSET
        elif isinstance(self.end_date, datetime.datetime):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        targeting: dict[str, Any] | Unset = UNSET
        if not isinstance(self.targeting, Unset):
            targeting = self.targeting.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if object_state is not UNSET:
            field_dict["objectState"] = object_state
        if start_date is not UNSET:
            field_dict["startDate"] = start_date
        if end_date is not UNSET:
            field_dict["endDate"] = end_date
        if targeting is not UNSET:
            field_dict["targeting"] = targeting

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.targeting import Targeting

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        _object_state = d.pop("objectState", UNSET)
        object_state: ObjectState | Unset
        if isinstance(_object_state, Unset):
            object_state = UNSET
        else:
            object_state = check_object_state(_object_state)

        def _parse_start_date(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_date_type_0 = datetime.datetime.fromisoformat(data)

                return componentsschemas_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        start_date = _parse_start_date(d.pop("startDate", UNSET))

        def _parse_end_date(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_date_type_0 = datetime.datetime.fromisoformat(data)

                return componentsschemas_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        end_date = _parse_end_date(d.pop("endDate", UNSET))

        _targeting = d.pop("targeting", UNSET)
        targeting: Targeting | Unset
        if isinstance(_targeting, Unset):
            targeting = UNSET
        else:
            targeting = Targeting.from_dict(_targeting)

        line_item_changes = cls(
            name=name,
            object_state=object_state,
            start_date=start_date,
            end_date=end_date,
            targeting=targeting,
        )

        return line_item_changes
