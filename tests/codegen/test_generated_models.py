"""Every JSON example in the spec survives the generated models: the attrs model of the client
(`from_dict(...).to_dict()` gives back every field) and the pydantic model (it validates, and
dumps back to the same JSON)."""

from __future__ import annotations

from typing import Any

import evocalize_client.models
import evocalize_models
import pytest
from openapi_doc import EmbeddedExample, embedded_examples, load_spec, pointer
from pydantic import BaseModel, RootModel

SCHEMAS: dict[str, Any] = load_spec()["components"]["schemas"]
PREFIX = "#/components/schemas/"


def component_of(example: EmbeddedExample) -> str | None:
    """The component schema an example illustrates, or None for an inline schema (the webhook's
    header parameters: plain strings, which no generator makes a model of)."""
    ref = pointer(example.schema_location).get("$ref", "")
    return ref.removeprefix(PREFIX) if ref.startswith(PREFIX) else None


MODEL_EXAMPLES = [e for e in embedded_examples() if component_of(e)]


def attrs_round_trip(name: str, value: Any) -> Any:
    """What the generated client makes of `value` as schema `name` and sends back.

    openapi-python-client makes no class of an array schema (a batch is a `list` of its
    entries) nor of a `oneOf` (a function takes either alternative), so those are followed to
    their classes, the `oneOf` by its discriminator as the server would."""
    schema = SCHEMAS[name]
    if schema.get("type") == "array":
        item = schema["items"].get("$ref", "").removeprefix(PREFIX)
        return [attrs_round_trip(item, entry) for entry in value]
    if "oneOf" in schema:
        discriminator = schema["discriminator"]
        chosen = discriminator["mapping"][value[discriminator["propertyName"]]]
        return attrs_round_trip(chosen.removeprefix(PREFIX), value)
    model = getattr(evocalize_client.models, name, None)
    if model is None:  # a scalar schema (an id, say): the client passes the value as it is
        assert schema.get("type") in ("string", "integer"), f"{name} has no generated class"
        return value
    return model.from_dict(value).to_dict()


@pytest.mark.parametrize("example", MODEL_EXAMPLES, ids=[e.where for e in MODEL_EXAMPLES])
def test_each_example_round_trips_through_the_generated_attrs_model(
    example: EmbeddedExample,
) -> None:
    name = component_of(example)
    assert name is not None
    assert attrs_round_trip(name, example.value) == example.value


@pytest.mark.parametrize("example", MODEL_EXAMPLES, ids=[e.where for e in MODEL_EXAMPLES])
def test_each_example_validates_as_the_pydantic_model_of_its_schema(
    example: EmbeddedExample,
) -> None:
    model = getattr(evocalize_models, str(component_of(example)))
    assert issubclass(model, BaseModel)
    parsed = model.model_validate(example.value)
    assert parsed.model_dump(mode="json", by_alias=True, exclude_unset=True) == example.value


def test_most_examples_illustrate_a_component_with_models_on_both_sides() -> None:
    names = {component_of(e) for e in MODEL_EXAMPLES}
    assert len(MODEL_EXAMPLES) > 100
    assert {"UserEnvelope", "PlaceOrderInput", "LeadsDelivery", "ErrorEnvelope"} <= names


def test_the_leads_webhook_payload_has_a_pydantic_model_with_every_lead_source() -> None:
    lead = evocalize_models.Lead.model_fields
    assert {"facebook", "google", "tik_tok"} <= set(lead)
    assert issubclass(evocalize_models.LeadsDelivery, BaseModel)


def test_pydantic_models_refuse_what_the_spec_refuses() -> None:
    user = {"id": "u1", "email": "a@example.com", "name": "A"}
    evocalize_models.UserInput.model_validate(user)
    for bad in ({**user, "nickname": "x"}, {**user, "id": ""}, {**user, "email": "not-an-email"}):
        with pytest.raises(ValueError):
            evocalize_models.UserInput.model_validate(bad)
    with pytest.raises(ValueError):
        evocalize_models.UserBatch.model_validate([user] * 1001)


def test_ids_are_plain_strings_not_wrappers() -> None:
    user = evocalize_models.User.model_validate({"id": "u1", "name": "A", "email": "a@example.com"})
    assert type(user.id) is str
    assert not issubclass(evocalize_models.User, RootModel)


def test_responses_and_webhook_payloads_tolerate_a_field_added_without_notice() -> None:
    lead_example = next(e for e in MODEL_EXAMPLES if component_of(e) == "LeadsDelivery").value
    newer = {**lead_example, "deliveryAttempt": 2}
    newer["leads"] = [{**lead, "score": 0.9} for lead in lead_example["leads"]]
    delivery = evocalize_models.LeadsDelivery.model_validate(newer)
    assert len(delivery.leads) == len(lead_example["leads"])
    user = {"data": {"id": "u1", "name": "A", "email": "a@example.com", "tier": "gold"}}
    assert evocalize_client.models.UserEnvelope.from_dict(user).to_dict() == user
