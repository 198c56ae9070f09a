"""Deep links into the Evocalize web app on a partner's white-label domain.

The API reference ("Architecture Deep Linking") documents four pages under
`https://<white-label-domain>/#/architecture/<ARCHITECTURE_ID>/...`: content, programs,
programCreate and automatedProgramCreate, each with optional query parameters. It asks that
every value be "properly encoded URI components", which is what JavaScript's
`encodeURIComponent` gives; `encode_uri_component` does the same, so a link built here is byte
for byte the one the web app's own code would build.

Decisions where the API reference is silent:
- JSON parameters keep the spacing of the API reference's examples: `contentFilter` as
  `{"status": {"contains": "Sold"}}` (a space after `:` and `,`), `filters` compact, as the API
  reference recommends for shorter URLs. A string passed instead of a value is sent as it is,
  once checked to be JSON of the right shape. Non-ASCII text stays UTF-8 (as `JSON.stringify`
  leaves it) and is then percent-encoded.
- `contentIds` joins the ids with commas and encodes the whole value, commas included (`%2C`).
- `promoCodes` takes one code: the API reference says only one promo is supported.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal
from urllib.parse import quote

__all__ = [
    "ContentFilter",
    "Filters",
    "Id",
    "ProgramCreateStep",
    "SideNav",
    "automated_program_create_link",
    "content_link",
    "encode_uri_component",
    "program_create_link",
    "programs_link",
    "white_label_origin",
]

SideNav = Literal["closed", "open"]
ProgramCreateStep = Literal["spend", "summary"]

# The characters encodeURIComponent leaves as they are, besides letters and digits (quote
# always keeps those and "_.-~").
_URI_COMPONENT_SAFE = "-_.!~*'()"
_SIDE_NAV = ("closed", "open")
_STEPS = ("spend", "summary")
# A host name with an optional port: the white-label domain, without scheme or path.
_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_DOMAIN = re.compile(rf"{_LABEL}(?:\.{_LABEL})*(?::[0-9]{{1,5}})?")

Id = int | str
# A JSON value, or its text already serialised.
ContentFilter = Mapping[str, object] | str
Filters = Sequence[Mapping[str, object]] | str


def encode_uri_component(value: str) -> str:
    """`value` percent-encoded as JavaScript's `encodeURIComponent` does (UTF-8)."""
    return quote(value, safe=_URI_COMPONENT_SAFE)


def white_label_origin(white_label_domain: str) -> str:
    """`https://<domain>`, refusing anything but a host name (and port)."""
    if not isinstance(white_label_domain, str) or not _DOMAIN.fullmatch(white_label_domain):
        raise ValueError(
            "white_label_domain must be a host name such as 'app.example.com', "
            f"without scheme or path; got {white_label_domain!r}"
        )
    return f"https://{white_label_domain}"


def _id(name: str, value: Id) -> str:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"{name} must be an id (int or str); got {type(value).__name__}")
    text = str(value)
    if isinstance(value, int) and value < 0:
        raise ValueError(f"{name} must not be negative; got {value}")
    if not text.strip():
        raise ValueError(f"{name} must not be empty")
    return text


def _one_of(name: str, value: str, allowed: Sequence[str]) -> str:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}; got {value!r}")
    return value


def _json_text(name: str, value: object, separators: tuple[str, str]) -> tuple[str, object]:
    """The JSON text to send and the value it holds."""
    if isinstance(value, str):
        try:
            return value, json.loads(value)
        except json.JSONDecodeError as error:
            raise ValueError(f"{name} given as text must be JSON: {error}") from None
    try:
        return json.dumps(value, separators=separators, ensure_ascii=False, allow_nan=False), value
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be JSON-serialisable: {error}") from None


def _content_filter(value: ContentFilter) -> str:
    # The API reference's example, `{"status": {"contains": "Sold"}}`, is spaced as json.dumps
    # spaces.
    text, parsed = _json_text("content_filter", value, (", ", ": "))
    if not isinstance(parsed, Mapping):
        raise ValueError("content_filter must be a JSON object")
    return text


def _filters(value: Filters) -> str:
    # The API reference recommends removing white space: the compact form is its vector.
    text, parsed = _json_text("filters", value, (",", ":"))
    if not isinstance(parsed, Sequence) or isinstance(parsed, str):
        raise ValueError("filters must be a JSON array")
    for index, entry in enumerate(parsed):
        where = f"filters[{index}]"
        if not isinstance(entry, Mapping) or not isinstance(entry.get("column"), str):
            raise ValueError(f"{where} must be an object with a 'column' name")
        rules = entry.get("rules")
        if not isinstance(rules, Sequence) or isinstance(rules, str) or not rules:
            raise ValueError(f"{where}.rules must be a non-empty array")
        for number, rule in enumerate(rules):
            if not isinstance(rule, Mapping) or not isinstance(rule.get("operator"), str):
                raise ValueError(f"{where}.rules[{number}] must be an object with an 'operator'")
            if "value" not in rule:
                raise ValueError(f"{where}.rules[{number}] must have a 'value'")
    return text


def _link(
    white_label_domain: str, architecture_id: Id, page: str, query: list[tuple[str, str]]
) -> str:
    architecture = encode_uri_component(_id("architecture_id", architecture_id))
    url = f"{white_label_origin(white_label_domain)}/#/architecture/{architecture}/{page}"
    if not query:
        return url
    return url + "?" + "&".join(f"{key}={encode_uri_component(value)}" for key, value in query)


def _side_nav(query: list[tuple[str, str]], side_nav: SideNav | None) -> None:
    if side_nav is not None:
        query.append(("sideNav", _one_of("side_nav", side_nav, _SIDE_NAV)))


def content_link(
    white_label_domain: str,
    architecture_id: Id,
    *,
    content_filter: ContentFilter | None = None,
    side_nav: SideNav | None = None,
) -> str:
    """The user's content under an architecture, optionally pre-filtered (`contentFilter`, a
    JSON object such as `{"status": {"contains": "Sold"}}`) and with the left nav open or
    closed (`sideNav`)."""
    query: list[tuple[str, str]] = []
    if content_filter is not None:
        query.append(("contentFilter", _content_filter(content_filter)))
    _side_nav(query, side_nav)
    return _link(white_label_domain, architecture_id, "content", query)


def programs_link(
    white_label_domain: str, architecture_id: Id, *, side_nav: SideNav | None = None
) -> str:
    """The programs (purchases) the user has made under an architecture."""
    query: list[tuple[str, str]] = []
    _side_nav(query, side_nav)
    return _link(white_label_domain, architecture_id, "programs", query)


def program_create_link(
    white_label_domain: str,
    architecture_id: Id,
    *,
    product_id: Id | None = None,
    content_ids: Iterable[Id] = (),
    content_filter: ContentFilter | None = None,
    side_nav: SideNav | None = None,
    step: ProgramCreateStep | None = None,
    promo_code: str | None = None,
) -> str:
    """The order page, optionally with a blueprint (`productIds`, one id), content items
    (`contentIds`), a content-selector filter (`contentFilter`), the step to skip to (`step`:
    spend or summary) and a promo code (`promoCodes`) pre-selected; users may still change
    them."""
    query: list[tuple[str, str]] = []
    if product_id is not None:
        query.append(("productIds", _id("product_id", product_id)))
    if isinstance(content_ids, str | int):
        raise ValueError("content_ids must be a collection of ids, not a single id")
    ids = [_id("content_ids[]", content_id) for content_id in content_ids]
    if any("," in content_id for content_id in ids):
        raise ValueError("content_ids must not contain commas: the link separates ids with them")
    if ids:
        query.append(("contentIds", ",".join(ids)))
    if content_filter is not None:
        query.append(("contentFilter", _content_filter(content_filter)))
    _side_nav(query, side_nav)
    if step is not None:
        query.append(("step", _one_of("step", step, _STEPS)))
    if promo_code is not None:
        if not promo_code.strip() or "," in promo_code:
            raise ValueError("promo_code must be one code (the API supports only one promo)")
        query.append(("promoCodes", promo_code))
    return _link(white_label_domain, architecture_id, "programCreate", query)


def automated_program_create_link(
    white_label_domain: str,
    architecture_id: Id,
    *,
    side_nav: SideNav | None = None,
    filters: Filters | None = None,
    show_wizard: bool | None = None,
) -> str:
    """The automated program creation screen, optionally with catalog filters (`filters`, an
    array of `{"column": ..., "rules": [{"operator": ..., "value": ...}]}`) and the wizard
    shown or hidden (`showWizard`, true when left out)."""
    query: list[tuple[str, str]] = []
    _side_nav(query, side_nav)
    if filters is not None:
        query.append(("filters", _filters(filters)))
    if show_wizard is not None:
        if not isinstance(show_wizard, bool):
            raise ValueError(f"show_wizard must be True or False; got {show_wizard!r}")
        query.append(("showWizard", "true" if show_wizard else "false"))
    return _link(white_label_domain, architecture_id, "automatedProgramCreate", query)
