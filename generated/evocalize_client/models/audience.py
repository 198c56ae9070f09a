from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Audience")


@_attrs_define
class Audience:
    """An audience on one channel, associated with a placeholder."""

    channel: str
    """ The advertising channel an audience lives on, such as `Facebook`. Other values may appear. """
    channel_audience_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    Never `.` or `..`. """
    name: str
    """ A human-readable name. """
    description: str
    """ A human-readable description. """
    type_: str
    """ The channel's kind of audience, such as `custom` or `lookalike`. """
    status: str
    """ Status of a channel audience. Known values `active`, `inactive`, `pending`, `deleted`. Other values may
    appear. """
    potential_size: int | None | str | Unset = UNSET
    """ Approximate size. The literal string `< 1000` for an audience smaller than 1000;
    otherwise the size, as digits in a string (the API reference's examples) or as a number; `-1`
    for an inactive lookalike audience; null or absent while the audience is being
    created. Keep it as given: `< 1000` is not a number.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel

        channel_audience_id = self.channel_audience_id

        name = self.name

        description = self.description

        type_ = self.type_

        status = self.status

        potential_size: int | None | str | Unset
        if isinstance(self.potential_size, Unset):
            potential_size = UNSET
        else:
            potential_size = self.potential_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel": channel,
                "channelAudienceId": channel_audience_id,
                "name": name,
                "description": description,
                "type": type_,
                "status": status,
            }
        )
        if potential_size is not UNSET:
            field_dict["potentialSize"] = potential_size

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        channel = d.pop("channel")

        channel_audience_id = d.pop("channelAudienceId")

        name = d.pop("name")

        description = d.pop("description")

        type_ = d.pop("type")

        status = d.pop("status")

        def _parse_potential_size(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        potential_size = _parse_potential_size(d.pop("potentialSize", UNSET))

        audience = cls(
            channel=channel,
            channel_audience_id=channel_audience_id,
            name=name,
            description=description,
            type_=type_,
            status=status,
            potential_size=potential_size,
        )

        audience.additional_properties = d
        return audience

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
