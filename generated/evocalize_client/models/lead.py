from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.facebook_lead import FacebookLead
    from ..models.google_lead import GoogleLead
    from ..models.lead_content_field import LeadContentField
    from ..models.lead_order import LeadOrder
    from ..models.lead_program import LeadProgram
    from ..models.tik_tok_lead import TikTokLead


T = TypeVar("T", bound="Lead")


@_attrs_define
class Lead:
    """One lead, with the data of the channel it came from and of the ad behind it."""

    id: str
    """ The lead's id, `<channel>:<channel lead id>`; deduplicate deliveries on it. """
    content: list[list[LeadContentField]]
    """ The content items behind the ad. """
    program: LeadProgram
    """ The program that published the ad the lead answered. """
    facebook: FacebookLead | None | Unset = UNSET
    google: GoogleLead | None | Unset = UNSET
    tik_tok: None | TikTokLead | Unset = UNSET
    order: LeadOrder | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.facebook_lead import FacebookLead
        from ..models.google_lead import GoogleLead
        from ..models.lead_order import LeadOrder
        from ..models.tik_tok_lead import TikTokLead

        id = self.id

        content = []
        for content_item_data in self.content:
            content_item = []
            for componentsschemas_lead_content_item_item_data in content_item_data:
                componentsschemas_lead_content_item_item = (
                    componentsschemas_lead_content_item_item_data.to_dict()
                )
                content_item.append(componentsschemas_lead_content_item_item)

            content.append(content_item)

        program = self.program.to_dict()

        facebook: dict[str, Any] | None | Unset
        if isinstance(self.facebook, Unset):
            facebook = UNSET
        elif isinstance(self.facebook, FacebookLead):
            facebook = self.facebook.to_dict()
        else:
            facebook = self.facebook

        google: dict[str, Any] | None | Unset
        if isinstance(self.google, Unset):
            google = UNSET
        elif isinstance(self.google, GoogleLead):
            google = self.google.to_dict()
        else:
            google = self.google

        tik_tok: dict[str, Any] | None | Unset
        if isinstance(self.tik_tok, Unset):
            tik_tok = UNSET
        elif isinstance(self.tik_tok, TikTokLead):
            tik_tok = self.tik_tok.to_dict()
        else:
            tik_tok = self.tik_tok

        order: dict[str, Any] | None | Unset
        if isinstance(self.order, Unset):
            order = UNSET
        elif isinstance(self.order, LeadOrder):
            order = self.order.to_dict()
        else:
            order = self.order

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "content": content,
                "program": program,
            }
        )
        if facebook is not UNSET:
            field_dict["facebook"] = facebook
        if google is not UNSET:
            field_dict["google"] = google
        if tik_tok is not UNSET:
            field_dict["tikTok"] = tik_tok
        if order is not UNSET:
            field_dict["order"] = order

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.facebook_lead import FacebookLead
        from ..models.google_lead import GoogleLead
        from ..models.lead_content_field import LeadContentField
        from ..models.lead_order import LeadOrder
        from ..models.lead_program import LeadProgram
        from ..models.tik_tok_lead import TikTokLead

        d = dict(src_dict)
        id = d.pop("id")

        content = []
        _content = d.pop("content")
        for content_item_data in _content:
            content_item = []
            _content_item = content_item_data
            for componentsschemas_lead_content_item_item_data in _content_item:
                componentsschemas_lead_content_item_item = LeadContentField.from_dict(
                    componentsschemas_lead_content_item_item_data
                )

                content_item.append(componentsschemas_lead_content_item_item)

            content.append(content_item)

        program = LeadProgram.from_dict(d.pop("program"))

        def _parse_facebook(data: object) -> FacebookLead | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                facebook_type_0 = FacebookLead.from_dict(data)

                return facebook_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FacebookLead | None | Unset, data)

        facebook = _parse_facebook(d.pop("facebook", UNSET))

        def _parse_google(data: object) -> GoogleLead | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                google_type_0 = GoogleLead.from_dict(data)

                return google_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GoogleLead | None | Unset, data)

        google = _parse_google(d.pop("google", UNSET))

        def _parse_tik_tok(data: object) -> None | TikTokLead | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tik_tok_type_0 = TikTokLead.from_dict(data)

                return tik_tok_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TikTokLead | Unset, data)

        tik_tok = _parse_tik_tok(d.pop("tikTok", UNSET))

        def _parse_order(data: object) -> LeadOrder | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                order_type_0 = LeadOrder.from_dict(data)

                return order_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LeadOrder | None | Unset, data)

        order = _parse_order(d.pop("order", UNSET))

        lead = cls(
            id=id,
            content=content,
            program=program,
            facebook=facebook,
            google=google,
            tik_tok=tik_tok,
            order=order,
        )

        lead.additional_properties = d
        return lead

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
