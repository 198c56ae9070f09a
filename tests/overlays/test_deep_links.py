"""Deep links: the seed's example links, and its encoded `contentFilter` and `filters`, come out
byte for byte; every value is encoded as `encodeURIComponent` would encode it."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

import pytest
from evocalize.links import (
    automated_program_create_link,
    content_link,
    encode_uri_component,
    program_create_link,
    programs_link,
)

DOMAIN = "your-white-label-domain.com"
ARCHITECTURE_ID = 643545620052781143
BLUEPRINT_ID = 643545619583019092
CONTENT_ID = 42

# Seed, "Content Filter Example" and its raw value.
SEED_CONTENT_FILTER = "contentFilter=%7B%22status%22%3A%20%7B%22contains%22%3A%20%22Sold%22%7D%7D"
CONTENT_FILTER = {"status": {"contains": "Sold"}}
# Seed, "Filter JSON example" and "Convert to url parameter".
SEED_FILTERS = (
    "filters=%5B%7B%22column%22%3A%22agent_name%22%2C%22rules%22%3A%5B%7B%22operator%22%3A%22eq"
    "%22%2C%22value%22%3A%22Jim%20FakeName%22%7D%2C%7B%22operator%22%3A%22eq%22%2C%22value%22%3A"
    "%22Jane%20FakeName%22%7D%5D%7D%2C%7B%22column%22%3A%22price%22%2C%22rules%22%3A%5B%7B%22ope"
    "rator%22%3A%22range%22%2C%22value%22%3A%7B%22gt%22%3A1000000%2C%22lt%22%3A2000000%7D%7D%5D%"
    "7D%5D"
)
FILTERS: list[dict[str, Any]] = [
    {
        "column": "agent_name",
        "rules": [
            {"operator": "eq", "value": "Jim FakeName"},
            {"operator": "eq", "value": "Jane FakeName"},
        ],
    },
    {"column": "price", "rules": [{"operator": "range", "value": {"gt": 1000000, "lt": 2000000}}]},
]
# Seed, "Program Creation/Purchase Base": the three redirectUser examples.
SEED_PROGRAM_CREATE = (
    "https://your-white-label-domain.com/#/architecture/<ARCHITECTURE_ID>/programCreate"
    "?productIds=<BLUEPRINT_ID>"
)
SEED_PROGRAM_CREATE_WITH_CONTENT = (
    "https://your-white-label-domain.com/#/architecture/<ARCHITECTURE_ID>/programCreate"
    "?productIds=<BLUEPRINT_ID>&contentIds=<CONTENT_ID_1>"
)
SEED_PROGRAM_CREATE_WITH_FILTER = (
    "https://your-white-label-domain.com/#/architecture/<ARCHITECTURE_ID>/programCreate"
    "?productIds=<BLUEPRINT_ID>&contentFilter=<ENCODED_JSON_CONTENT_FILTER>"
)


def filled(template: str) -> str:
    return (
        template.replace("<ARCHITECTURE_ID>", str(ARCHITECTURE_ID))
        .replace("<BLUEPRINT_ID>", str(BLUEPRINT_ID))
        .replace("<CONTENT_ID_1>", str(CONTENT_ID))
        .replace("<ENCODED_JSON_CONTENT_FILTER>", SEED_CONTENT_FILTER.split("=", 1)[1])
    )


def query_of(link: str) -> str:
    return link.split("?", 1)[1]


def test_the_content_filter_is_encoded_as_the_seeds_example() -> None:
    link = content_link(DOMAIN, ARCHITECTURE_ID, content_filter=CONTENT_FILTER)
    assert query_of(link) == SEED_CONTENT_FILTER


def test_the_filters_are_encoded_as_the_seeds_example() -> None:
    link = automated_program_create_link(DOMAIN, ARCHITECTURE_ID, filters=FILTERS)
    assert query_of(link) == SEED_FILTERS


def test_the_seeds_program_create_links_are_reproduced() -> None:
    assert program_create_link(DOMAIN, ARCHITECTURE_ID, product_id=BLUEPRINT_ID) == filled(
        SEED_PROGRAM_CREATE
    )
    assert program_create_link(
        DOMAIN, ARCHITECTURE_ID, product_id=BLUEPRINT_ID, content_ids=[CONTENT_ID]
    ) == filled(SEED_PROGRAM_CREATE_WITH_CONTENT)
    assert program_create_link(
        DOMAIN, ARCHITECTURE_ID, product_id=BLUEPRINT_ID, content_filter=CONTENT_FILTER
    ) == filled(SEED_PROGRAM_CREATE_WITH_FILTER)


def test_each_page_sits_under_the_architecture_on_the_white_label_domain() -> None:
    base = f"https://{DOMAIN}/#/architecture/{ARCHITECTURE_ID}"
    assert content_link(DOMAIN, ARCHITECTURE_ID) == f"{base}/content"
    assert programs_link(DOMAIN, ARCHITECTURE_ID) == f"{base}/programs"
    assert program_create_link(DOMAIN, ARCHITECTURE_ID) == f"{base}/programCreate"
    assert automated_program_create_link(DOMAIN, ARCHITECTURE_ID) == (
        f"{base}/automatedProgramCreate"
    )


def test_every_documented_parameter_is_sent_under_its_seed_name() -> None:
    assert query_of(programs_link(DOMAIN, 1, side_nav="closed")) == "sideNav=closed"
    assert query_of(content_link(DOMAIN, 1, side_nav="open")) == "sideNav=open"
    link = program_create_link(
        DOMAIN,
        1,
        product_id=2,
        content_ids=[3, "4"],
        side_nav="closed",
        step="summary",
        promo_code="SPRING 10",
    )
    assert query_of(link) == (
        "productIds=2&contentIds=3%2C4&sideNav=closed&step=summary&promoCodes=SPRING%2010"
    )
    link = automated_program_create_link(DOMAIN, 1, side_nav="open", show_wizard=False)
    assert query_of(link) == "sideNav=open&showWizard=false"


def test_values_are_encoded_as_encode_uri_component_encodes_them() -> None:
    # What JavaScript's encodeURIComponent leaves alone, and what it escapes (UTF-8 bytes).
    assert encode_uri_component("AZaz09-_.!~*'()") == "AZaz09-_.!~*'()"
    assert encode_uri_component(" /?#&=+,;:@$é") == ("%20%2F%3F%23%26%3D%2B%2C%3B%3A%40%24%C3%A9")


def test_non_ascii_filter_text_is_sent_as_utf8_not_as_json_escapes() -> None:
    link = content_link(DOMAIN, 1, content_filter={"city": {"contains": "Köln"}})
    assert json.loads(unquote(query_of(link).split("=", 1)[1])) == {"city": {"contains": "Köln"}}
    assert "K%C3%B6ln" in link


def test_filter_text_already_serialised_is_sent_as_it_is() -> None:
    text = '{ "status":{"contains":"Sold"} }'
    link = content_link(DOMAIN, 1, content_filter=text)
    assert query_of(link) == "contentFilter=" + encode_uri_component(text)


@pytest.mark.parametrize(
    "domain",
    ["https://app.example.com", "app.example.com/path", "", "app example.com", "app.example.com/"],
)
def test_a_domain_with_a_scheme_path_or_space_is_refused(domain: str) -> None:
    with pytest.raises(ValueError, match="white_label_domain"):
        programs_link(domain, 1)


def test_a_domain_with_a_port_is_accepted() -> None:
    assert programs_link("localhost:8443", 1) == "https://localhost:8443/#/architecture/1/programs"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"side_nav": "hidden"}, "side_nav must be one of 'closed', 'open'"),
        ({"step": "review"}, "step must be one of 'spend', 'summary'"),
        ({"promo_code": "A,B"}, "promo_code must be one code"),
        ({"content_ids": [1, "2,3"]}, "content_ids must not contain commas"),
        ({"content_ids": "12"}, "content_ids must be a collection"),
        ({"product_id": ""}, "product_id must not be empty"),
        ({"product_id": -1}, "product_id must not be negative"),
        ({"content_filter": "{not json"}, "content_filter given as text must be JSON"),
        ({"content_filter": "[1]"}, "content_filter must be a JSON object"),
        ({"content_filter": {"price": float("nan")}}, "content_filter must be JSON-serialisable"),
    ],
)
def test_invalid_program_create_arguments_are_refused_clearly(
    arguments: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        program_create_link(DOMAIN, 1, **arguments)


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"column": "price"}, "filters must be a JSON array"),
        ([{"rules": []}], r"filters\[0\] must be an object with a 'column'"),
        ([{"column": "price", "rules": []}], r"filters\[0\].rules must be a non-empty array"),
        ([{"column": "price", "rules": [{"value": 1}]}], r"rules\[0\] must be an object with"),
        ([{"column": "price", "rules": [{"operator": "eq"}]}], r"rules\[0\] must have a 'value'"),
    ],
)
def test_filters_not_shaped_as_the_seed_describes_are_refused(filters: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        automated_program_create_link(DOMAIN, 1, filters=filters)


def test_an_architecture_id_is_required_and_encoded_as_a_path_segment() -> None:
    with pytest.raises(ValueError, match="architecture_id must not be empty"):
        programs_link(DOMAIN, " ")
    assert "/architecture/a%2Fb/programs" in programs_link(DOMAIN, "a/b")
