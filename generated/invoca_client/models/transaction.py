from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Transaction")


@_attrs_define
class Transaction:
    """One transaction row; unknown fields (custom data, ...) are kept."""

    transaction_id: str
    """ Globally unique; the cursor of the next pull. """
    transaction_type: str | Unset = UNSET
    corrects_transaction_id: None | str | Unset = UNSET
    """ On a correction, the transaction whose values this row replaces. """
    corrected_at: None | str | Unset = UNSET
    advertiser_id: int | None | str | Unset = UNSET
    advertiser_campaign_id: int | None | str | Unset = UNSET
    calling_phone_number: None | str | Unset = UNSET
    duration: int | None | str | Unset = UNSET
    start_time_local: None | str | Unset = UNSET
    start_time_utc: int | None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        transaction_id = self.transaction_id

        transaction_type = self.transaction_type

        corrects_transaction_id: None | str | Unset
        if isinstance(self.corrects_transaction_id, Unset):
            corrects_transaction_id = UNSET
        else:
            corrects_transaction_id = self.corrects_transaction_id

        corrected_at: None | str | Unset
        if isinstance(self.corrected_at, Unset):
            corrected_at = UNSET
        else:
            corrected_at = self.corrected_at

        advertiser_id: int | None | str | Unset
        if isinstance(self.advertiser_id, Unset):
            advertiser_id = UNSET
        else:
            advertiser_id = self.advertiser_id

        advertiser_campaign_id: int | None | str | Unset
        if isinstance(self.advertiser_campaign_id, Unset):
            advertiser_campaign_id = UNSET
        else:
            advertiser_campaign_id = self.advertiser_campaign_id

        calling_phone_number: None | str | Unset
        if isinstance(self.calling_phone_number, Unset):
            calling_phone_number = UNSET
        else:
            calling_phone_number = self.calling_phone_number

        duration: int | None | str | Unset
        if isinstance(self.duration, Unset):
            duration = UNSET
        else:
            duration = self.duration

        start_time_local: None | str | Unset
        if isinstance(self.start_time_local, Unset):
            start_time_local = UNSET
        else:
            start_time_local = self.start_time_local

        start_time_utc: int | None | str | Unset
        if isinstance(self.start_time_utc, Unset):
            start_time_utc = UNSET
        else:
            start_time_utc = self.start_time_utc

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "transaction_id": transaction_id,
            }
        )
        if transaction_type is not UNSET:
            field_dict["transaction_type"] = transaction_type
        if corrects_transaction_id is not UNSET:
            field_dict["corrects_transaction_id"] = corrects_transaction_id
        if corrected_at is not UNSET:
            field_dict["corrected_at"] = corrected_at
        if advertiser_id is not UNSET:
            field_dict["advertiser_id"] = advertiser_id
        if advertiser_campaign_id is not UNSET:
            field_dict["advertiser_campaign_id"] = advertiser_campaign_id
        if calling_phone_number is not UNSET:
            field_dict["calling_phone_number"] = calling_phone_number
        if duration is not UNSET:
            field_dict["duration"] = duration
        if start_time_local is not UNSET:
            field_dict["start_time_local"] = start_time_local
        if start_time_utc is not UNSET:
            field_dict["start_time_utc"] = start_time_utc

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        transaction_id = d.pop("transaction_id")

        transaction_type = d.pop("transaction_type", UNSET)

        def _parse_corrects_transaction_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        corrects_transaction_id = _parse_corrects_transaction_id(
            d.pop("corrects_transaction_id", UNSET)
        )

        def _parse_corrected_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        corrected_at = _parse_corrected_at(d.pop("corrected_at", UNSET))

        def _parse_advertiser_id(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        advertiser_id = _parse_advertiser_id(d.pop("advertiser_id", UNSET))

        def _parse_advertiser_campaign_id(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        advertiser_campaign_id = _parse_advertiser_campaign_id(
            d.pop("advertiser_campaign_id", UNSET)
        )

        def _parse_calling_phone_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        calling_phone_number = _parse_calling_phone_number(d.pop("calling_phone_number", UNSET))

        def _parse_duration(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        duration = _parse_duration(d.pop("duration", UNSET))

        def _parse_start_time_local(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        start_time_local = _parse_start_time_local(d.pop("start_time_local", UNSET))

        def _parse_start_time_utc(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        start_time_utc = _parse_start_time_utc(d.pop("start_time_utc", UNSET))

        transaction = cls(
            transaction_id=transaction_id,
            transaction_type=transaction_type,
            corrects_transaction_id=corrects_transaction_id,
            corrected_at=corrected_at,
            advertiser_id=advertiser_id,
            advertiser_campaign_id=advertiser_campaign_id,
            calling_phone_number=calling_phone_number,
            duration=duration,
            start_time_local=start_time_local,
            start_time_utc=start_time_utc,
        )

        transaction.additional_properties = d
        return transaction

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
