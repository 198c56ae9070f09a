from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.report_request_filters_item import ReportRequestFiltersItem


T = TypeVar("T", bound="ReportRequest")


@_attrs_define
class ReportRequest:
    report: str
    """ One of Performance, Zone-Forecast, Performance-Hour, Delivery-Hour. """
    columns: list[str]
    filters: list[ReportRequestFiltersItem] | Unset = UNSET
    group_by: str | Unset = UNSET
    start_date: datetime.date | Unset = UNSET
    end_date: datetime.date | Unset = UNSET
    name: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        report = self.report

        columns = self.columns

        filters: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.filters, Unset):
            filters = []
            for filters_item_data in self.filters:
                filters_item = filters_item_data.to_dict()
                filters.append(filters_item)

        group_by = self.group_by

        start_date: str | Unset = UNSET
        if not isinstance(self.start_date, Unset):
            start_date = self.start_date.isoformat()

        end_date: str | Unset = UNSET
        if not isinstance(self.end_date, Unset):
            end_date = self.end_date.isoformat()

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "report": report,
                "columns": columns,
            }
        )
        if filters is not UNSET:
            field_dict["filters"] = filters
        if group_by is not UNSET:
            field_dict["groupBy"] = group_by
        if start_date is not UNSET:
            field_dict["startDate"] = start_date
        if end_date is not UNSET:
            field_dict["endDate"] = end_date
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.report_request_filters_item import ReportRequestFiltersItem

        d = dict(src_dict)
        report = d.pop("report")

        columns = cast(list[str], d.pop("columns"))

        _filters = d.pop("filters", UNSET)
        filters: list[ReportRequestFiltersItem] | Unset = UNSET
        if _filters is not UNSET:
            filters = []
            for filters_item_data in _filters:
                filters_item = ReportRequestFiltersItem.from_dict(filters_item_data)

                filters.append(filters_item)

        group_by = d.pop("groupBy", UNSET)

        _start_date = d.pop("startDate", UNSET)
        start_date: datetime.date | Unset
        if isinstance(_start_date, Unset):
            start_date = UNSET
        else:
            start_date = datetime.date.fromisoformat(_start_date)

        _end_date = d.pop("endDate", UNSET)
        end_date: datetime.date | Unset
        if isinstance(_end_date, Unset):
            end_date = UNSET
        else:
            end_date = datetime.date.fromisoformat(_end_date)

        name = d.pop("name", UNSET)

        report_request = cls(
            report=report,
            columns=columns,
            filters=filters,
            group_by=group_by,
            start_date=start_date,
            end_date=end_date,
            name=name,
        )

        return report_request
