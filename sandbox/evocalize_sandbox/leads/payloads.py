"""Leads webhook payloads that look like what Evocalize sends, so receivers can be tested offline.

Each delivery is built as the JSON the API reference's "Client Leads Webhook" examples show
(camelCase, nulls left out) and checked against the spec's `LeadsDelivery` schema before it leaves,
so a receiver that accepts these accepts the real thing. Values come from a seeded `random.Random`,
so a test or a command line run can be repeated exactly.
"""

from __future__ import annotations

import random
import time
import uuid
from enum import StrEnum
from typing import Any

from evocalize_models import LeadsDelivery

# JSON as sent on the wire; the factory builds dicts, not models, to control every byte.
JsonObject = dict[str, Any]


class LeadSource(StrEnum):
    """The upstream platforms a lead comes from (the API reference's three payload examples)."""

    facebook = "facebook"
    google = "google"
    tiktok = "tiktok"


_FIRST_NAMES = ("Ava", "Liam", "Mia", "Noah", "Zoe", "Ethan", "Chloe", "Lucas", "Maya", "Owen")
_LAST_NAMES = ("Nguyen", "Garcia", "Smith", "Okafor", "Rossi", "Kim", "Novak", "Silva", "Berg")
_CITIES = ("Seattle", "Austin", "Denver", "Portland", "Boston", "Chicago", "Phoenix", "Atlanta")
_PRODUCTS = ("Single Image Ad", "Carousel Ad", "Video Ad", "Lead Form Ad")
_ARCHITECTURES = ("Listing Promotion", "Brand Awareness", "Open House", "Recruiting")


def _long_id(rng: random.Random) -> int:
    """A 64-bit Evocalize-style id (the API reference's examples are 18-digit numbers)."""
    return rng.randrange(10**17, 9 * 10**17)


def _lead_form(rng: random.Random) -> list[JsonObject]:
    first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
    email = f"{first}.{last}{rng.randrange(100)}@example.com".lower()
    phone = f"+1{rng.randrange(200, 999)}{rng.randrange(10**6, 10**7)}"
    return [
        {"name": "full_name", "values": [f"{first} {last}"]},
        {"name": "email", "values": [email]},
        {"name": "phone_number", "values": [phone]},
        {"name": "city", "values": [rng.choice(_CITIES)]},
    ]


def _content(rng: random.Random) -> list[list[JsonObject]]:
    price = rng.randrange(150, 2000) * 1000
    return [
        [
            {"friendlyName": "Listing Address", "name": "listing_address", "value": None},
            {"friendlyName": "City", "name": "city", "value": rng.choice(_CITIES)},
            {"friendlyName": "Price", "name": "price", "value": str(price)},
        ]
    ]


def _program(rng: random.Random) -> JsonObject:
    program_id = _long_id(rng)
    return {
        "projectId": _long_id(rng),
        "programId": program_id,
        "programName": f"program-{program_id}",
        "programDescription": "Sandbox program that published the ad",
        "programVariables": {"campaignCode": f"SBX-{rng.randrange(1000, 9999)}"},
    }


def _order(rng: random.Random, user_id: str, group_id: str) -> JsonObject:
    return {
        "architectureName": rng.choice(_ARCHITECTURES),
        "architectureId": _long_id(rng),
        "productName": rng.choice(_PRODUCTS),
        "productId": _long_id(rng),
        "orderId": _long_id(rng),
        "userId": user_id,
        "groupId": group_id,
        "orderItem": {"orderItemId": _long_id(rng)},
    }


def _facebook(rng: random.Random, created_at: int) -> tuple[str, JsonObject]:
    leadgen_id = str(rng.randrange(10**12, 10**13))
    data: JsonObject = {
        "summary": {
            "leadgenId": leadgen_id,
            "pageId": str(rng.randrange(10**12, 10**13)),
            "leadFormId": str(rng.randrange(10**12, 10**13)),
            "adgroupId": str(rng.randrange(10**12, 10**13)),
            "adId": str(rng.randrange(10**12, 10**13)),
            "createdAtEpochSeconds": created_at,
        },
        "leadForm": _lead_form(rng),
        "leadFormDisclaimerResponses": [
            {"consentText": "I agree to be contacted about this offer.", "isConsentChecked": True}
        ],
    }
    return f"facebook:{leadgen_id}", data


def _google(rng: random.Random, created_at: int) -> tuple[str, JsonObject]:
    lead_id = str(rng.randrange(10**12, 10**13))
    data: JsonObject = {
        "summary": {
            "campaignId": rng.randrange(10**12, 10**13),
            "formId": rng.randrange(10**12, 10**13),
            "adgroupId": rng.randrange(10**12, 10**13),
            "creativeId": rng.randrange(10**12, 10**13),
            "gclId": f"gclId-{rng.randrange(10**12, 10**13)}",
            "leadId": lead_id,
        },
        "leadForm": _lead_form(rng),
    }
    return f"google:{lead_id}", data


def _tiktok(rng: random.Random, created_at: int) -> tuple[str, JsonObject]:
    lead_uuid = uuid.UUID(int=rng.getrandbits(128), version=4)
    data: JsonObject = {
        "summary": {
            "formId": rng.randrange(10**12, 10**13),
            "campaignId": rng.randrange(10**12, 10**13),
            "adGroupId": rng.randrange(10**12, 10**13),
            "adId": rng.randrange(10**12, 10**13),
            "createdAtEpochSeconds": created_at,
        },
        "leadForm": _lead_form(rng),
    }
    return f"tikTok:{lead_uuid}", data


# The payload key of each source: the API reference spells TikTok's `tikTok`.
_BUILDERS = {
    LeadSource.facebook: ("facebook", _facebook),
    LeadSource.google: ("google", _google),
    LeadSource.tiktok: ("tikTok", _tiktok),
}


def make_lead(
    source: LeadSource,
    rng: random.Random,
    *,
    user_id: str = "sandbox_user",
    group_id: str = "sandbox_group",
    created_at: int | None = None,
) -> JsonObject:
    """One lead from `source`, for the order of `user_id` in `group_id`."""
    key, build = _BUILDERS[source]
    lead_id, data = build(rng, int(time.time()) if created_at is None else created_at)
    return {
        "id": lead_id,
        key: data,
        "content": _content(rng),
        "program": _program(rng),
        "order": _order(rng, user_id, group_id),
    }


def make_delivery(
    sources: list[LeadSource],
    rng: random.Random | None = None,
    *,
    user_id: str = "sandbox_user",
    group_id: str = "sandbox_group",
    created_at: int | None = None,
) -> JsonObject:
    """A delivery body with one lead per entry of `sources`, valid under the spec's schema."""
    generator = rng if rng is not None else random.Random()
    delivery: JsonObject = {
        "leads": [
            make_lead(source, generator, user_id=user_id, group_id=group_id, created_at=created_at)
            for source in sources
        ]
    }
    # A payload the spec rejects would test the receiver against the wrong thing: fail here.
    LeadsDelivery.model_validate(delivery)
    return delivery
