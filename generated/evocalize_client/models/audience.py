from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Audience")


@_attrs_define
class Audience:
    """An audience on one channel, associated with a placeholder."""

    channel: str
    """ The advertising channel an audience lives on, such as `Facebook`. Other values may appear. """
    channel_audience_id: str
    """ An id, chosen by the partner (users, groups, items, media) or by Evocalize (orders, reports, placeholders).
    """
    name: str
    """ A human-readable name. """
    description: str
    """ A human-readable description. """
    type_: str
    """ The channel's kind of audience, such as `custom` or `lookalike`. """
    potential_size: None | str
    """ Approximate size, as a string; null while the audience is being created, -1 for an inactive lookalike
    audience, and a value under 1000 for small audiences. """
    status: str
    """ Status of a channel audience. Known values `active`, `inactive`, `pending`, `deleted`. Other values may
    appear. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel

        channel_audience_id = self.channel_audience_id

        name = self.name

        description = self.description

        type_ = self.type_

        potential_size: None | str
        potential_size = self.potential_size

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel": channel,
                "channelAudienceId": channel_audience_id,
                "name": name,
                "description": description,
                "type": type_,
                "potentialSize": potential_size,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        channel = d.pop("channel")

        channel_audience_id = d.pop("channelAudienceId")

        name = d.pop("name")

        description = d.pop("description")

        type_ = d.pop("type")

        def _parse_potential_size(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        potential_size = _parse_potential_size(d.pop("potentialSize"))

        status = d.pop("status")

        audience = cls(
            channel=channel,
            channel_audience_id=channel_audience_id,
            name=name,
            description=description,
            type_=type_,
            potential_size=potential_size,
            status=status,
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
