from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.report_data_item import ReportDataItem


T = TypeVar("T", bound="Report")


@_attrs_define
class Report:
    """A report; `data` holds its rows once `reportStatus` says it is done."""

    id: int | Unset = UNSET
    report_name: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    report_status: str | Unset = UNSET
    """ pending while it runs, then done (or failed); open. """
    group_by: None | str | Unset = UNSET
    creation_date: None | str | Unset = UNSET
    aggregation_date: None | str | Unset = UNSET
    data: list[ReportDataItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        report_name: None | str | Unset
        if isinstance(self.report_name, Unset):
            report_name = UNSET
        else:
            report_name = self.report_name

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        report_status = self.report_status

        group_by: None | str | Unset
        if isinstance(self.group_by, Unset):
            group_by = UNSET
        else:
            group_by = self.group_by

        creation_date: None | str | Unset
        if isinstance(self.creation_date, Unset):
            creation_date = UNSET
        else:
            creation_date = self.creation_date

        aggregation_date: None | str | Unset
        if isinstance(self.aggregation_date, Unset):
            aggregation_date = UNSET
        else:
            aggregation_date = self.aggregation_date

        data: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = []
            for data_item_data in self.data:
                data_item = data_item_data.to_dict()
                data.append(data_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if report_name is not UNSET:
            field_dict["reportName"] = report_name
        if name is not UNSET:
            field_dict["name"] = name
        if report_status is not UNSET:
            field_dict["reportStatus"] = report_status
        if group_by is not UNSET:
            field_dict["groupBy"] = group_by
        if creation_date is not UNSET:
            field_dict["creationDate"] = creation_date
        if aggregation_date is not UNSET:
            field_dict["aggregationDate"] = aggregation_date
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.report_data_item import ReportDataItem

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        def _parse_report_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        report_name = _parse_report_name(d.pop("reportName", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        report_status = d.pop("reportStatus", UNSET)

        def _parse_group_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        group_by = _parse_group_by(d.pop("groupBy", UNSET))

        def _parse_creation_date(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        creation_date = _parse_creation_date(d.pop("creationDate", UNSET))

        def _parse_aggregation_date(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        aggregation_date = _parse_aggregation_date(d.pop("aggregationDate", UNSET))

        _data = d.pop("data", UNSET)
        data: list[ReportDataItem] | Unset = UNSET
        if _data is not UNSET:
            data = []
            for data_item_data in _data:
                data_item = ReportDataItem.from_dict(data_item_data)

                data.append(data_item)

        report = cls(
            id=id,
            report_name=report_name,
            name=name,
            report_status=report_status,
            group_by=group_by,
            creation_date=creation_date,
            aggregation_date=aggregation_date,
            data=data,
        )

        report.additional_properties = d
        return report

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
