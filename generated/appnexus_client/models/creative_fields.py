from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.creative_fields_template import CreativeFieldsTemplate


T = TypeVar("T", bound="CreativeFields")


@_attrs_define
class CreativeFields:
    """The fields of a creative that a request may set (more go in `extra_body`)."""

    media_url: str | Unset = UNSET
    width: int | Unset = UNSET
    height: int | Unset = UNSET
    code: str | Unset = UNSET
    template: CreativeFieldsTemplate | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        media_url = self.media_url

        width = self.width

        height = self.height

        code = self.code

        template: dict[str, Any] | Unset = UNSET
        if not isinstance(self.template, Unset):
            template = self.template.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if media_url is not UNSET:
            field_dict["media_url"] = media_url
        if width is not UNSET:
            field_dict["width"] = width
        if height is not UNSET:
            field_dict["height"] = height
        if code is not UNSET:
            field_dict["code"] = code
        if template is not UNSET:
            field_dict["template"] = template

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.creative_fields_template import CreativeFieldsTemplate

        d = dict(src_dict)
        media_url = d.pop("media_url", UNSET)

        width = d.pop("width", UNSET)

        height = d.pop("height", UNSET)

        code = d.pop("code", UNSET)

        _template = d.pop("template", UNSET)
        template: CreativeFieldsTemplate | Unset
        if isinstance(_template, Unset):
            template = UNSET
        else:
            template = CreativeFieldsTemplate.from_dict(_template)

        creative_fields = cls(
            media_url=media_url,
            width=width,
            height=height,
            code=code,
            template=template,
        )

        return creative_fields
