"""What the target's state holds, so that the fuzzer's positive cases are valid for it.

A schema says what a request looks like, not which users exist, which fields a repository
has or that an order starts in the future. Schemathesis sends schema-valid data and expects it
accepted (`positive_data_acceptance`); an implementation that rightly answers "no group 0"
fails that check unless the positive data names objects that exist. Schemathesis's advice is
to seed known ids and payloads: for a server over `--url`, in a `schemathesis.toml`
(`[parameters]` and `[dictionaries]`, read by `SchemathesisConfig.discover()`); for a target
whose state is known in process, `KnownValues.install(schema)` rewrites positive cases with
schema hooks (`map_case`, and `before_add_examples` for the spec's examples), in every phase.

Only positive cases change: a negative case is sent as generated, and every check still runs.
Each value is chosen from what the original one was (a stable hash), so a run stays
reproducible under its seed and different generated ids still spread over the known ones.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from evocalize.audience import IDENTIFIERS, MIN_IDENTIFIERS, hash_csv
from evocalize.spec import load_spec

if TYPE_CHECKING:
    from schemathesis import Case, HookContext
    from schemathesis.schemas import BaseSchema

# FACTS.md, order rules: a start in the future, a purchase's end at least 24 hours after it.
_DAY = 24 * 60 * 60

_T = TypeVar("_T")


@dataclass(frozen=True)
class ProductLimits:
    """An active product orders may name, and the amounts (USD) it takes."""

    code: str
    min_spend: float
    max_spend: float


@dataclass(frozen=True)
class FieldRule:
    """A repository field: its type (string, number, boolean, date_time) and nullability."""

    type: str
    nullable: bool = True


@dataclass(frozen=True)
class KnownValues:
    """Objects that exist in the target, to be named by positive cases."""

    # User id -> that user's email (emails are unique per user).
    users: Mapping[str, str]
    groups: tuple[str, ...]
    # (user, group) pairs where the user is in the group and stays able to order: no request
    # of the run deactivates it (its id is named by no example or link).
    order_members: tuple[tuple[str, str], ...] = ()
    products: tuple[ProductLimits, ...] = ()
    # Repository id -> field name -> rule.
    repositories: Mapping[str, Mapping[str, FieldRule]] = field(default_factory=dict)
    # Audience placeholders that take a CSV upload (not made from a provided audience; the
    # target must not leave them processing, or a second upload is refused).
    csv_placeholders: tuple[str, ...] = ()

    def install(self, schema: BaseSchema) -> None:
        """Registers the hooks on `schema` only (not globally), for every phase."""
        schema.hooks.register_hook_with_name(self._map_case, "map_case")
        schema.hooks.register_hook_with_name(self._map_examples, "before_add_examples")

    def _map_examples(self, context: HookContext, examples: list[Case[Any]]) -> None:
        for case in examples:
            self._map_case(context, case)

    def _map_case(self, context: HookContext, case: Case[Any]) -> Case[Any]:
        meta = case.meta
        if meta is not None and not meta.generation.mode.is_positive:
            return case
        operation_id = case.operation.definition.raw.get("operationId")
        fix = _FIXES.get(str(operation_id))
        if isinstance(case.body, dict):
            body, path = dict(case.body), dict(case.path_parameters or {})
            self._fix_grants(body)
            if fix is not None:
                fix(self, body, path)
            # An assignment makes schemathesis validate the case again: only when it changed.
            if body != case.body:
                case.body = body
            if path != (case.path_parameters or {}):
                case.path_parameters = path
        return case

    # Grants (audiences, media): every grantee names a known user and group.
    def _fix_grants(self, body: dict[str, Any]) -> None:
        grants = body.get("grants")
        if not isinstance(grants, list):
            return
        fixed = []
        for grant in grants:
            grantee = grant.get("grantee") if isinstance(grant, dict) else None
            if isinstance(grantee, dict):
                grantee = dict(grantee)
                _replace_unknown(grantee, "userId", tuple(self.users))
                _replace_unknown(grantee, "groupId", self.groups)
                grant = {**grant, "grantee": grantee}
            fixed.append(grant)
        body["grants"] = fixed

    # createOrUpdateUser: groups exist; a known user keeps its email, a new one gets an email
    # of its own (emails are unique) and the name that creating needs.
    def _fix_user(self, body: dict[str, Any], path: dict[str, Any]) -> None:
        groups = body.get("groups")
        if isinstance(groups, list):
            body["groups"] = [
                _with_known(group, "groupId", self.groups) if isinstance(group, dict) else group
                for group in groups
            ]
        user_id = body.get("id")
        if not isinstance(user_id, str):
            return
        if user_id in self.users:
            if "email" in body:
                body["email"] = self.users[user_id]
            return
        body["email"] = f"user-{_digest(user_id)[:16]}@fuzz.example.com"
        body.setdefault("name", "Fuzzed User")

    # placeOrder: a member of its group who can order, an active product with an amount it
    # takes, a start in the future, no unknown content items.
    def _fix_order(self, body: dict[str, Any], path: dict[str, Any]) -> None:
        if self.order_members:
            user_id, group_id = _pick(self.order_members, body.get("userId"))
            body["userId"], body["groupId"] = user_id, group_id
        if self.products:
            product = _pick(self.products, body.get("productCode"))
            body["productCode"] = product.code
            amount = body.get("paymentAmount")
            if not isinstance(amount, int | float) or not (
                product.min_spend <= round(amount, 2) <= product.max_spend
            ):
                body["paymentAmount"] = product.min_spend
        schedule = body.get("schedule")
        if isinstance(schedule, dict):
            start = int(time.time()) + _DAY
            schedule = {**schedule, "startTimestamp": start}
            if "endTimestamp" in schedule and body.get("orderType") == "purchase":
                schedule["endTimestamp"] = start + 2 * _DAY
            body["schedule"] = schedule
        if "contentItemIds" in body:
            body["contentItemIds"] = []

    # createOrUpdateItem: values only for the repository's fields, each of the field's type.
    def _fix_item(self, body: dict[str, Any], path: dict[str, Any]) -> None:
        fields = self.repositories.get(str(path.get("repositoryId")))
        values = body.get("values")
        if fields is None or not isinstance(values, dict):
            return
        fixed = {"id": values["id"]} if "id" in values else {}
        for name, value in values.items():
            rule = fields.get(name)
            if name == "id" or rule is None:
                continue
            fixed[name] = value if _has_type(value, rule) else _sample(rule)
        body["values"] = fixed

    # createOrUpdateMedia: the type of an existing asset cannot change (spec), so an id always
    # comes with the same type, whichever phase or link sends it.
    def _fix_media(self, body: dict[str, Any], path: dict[str, Any]) -> None:
        if "id" in body and "type" in body:
            body["type"] = _pick(_media_types(), body["id"])

    # uploadAudienceCsv: a CSV that meets the seed's requirements, to a placeholder that takes
    # one. Text, not bytes: schemathesis validates a modified body again, and bytes do not
    # validate as a string.
    def _fix_csv(self, body: dict[str, Any], path: dict[str, Any]) -> None:
        if "file" in body:
            body["file"] = VALID_AUDIENCE_CSV
        if self.csv_placeholders and "placeholderId" in path:
            path["placeholderId"] = _pick(self.csv_placeholders, path["placeholderId"])


_FIXES: dict[str, Callable[[KnownValues, dict[str, Any], dict[str, Any]], None]] = {
    "createOrUpdateUser": KnownValues._fix_user,
    "placeOrder": KnownValues._fix_order,
    "createOrUpdateItem": KnownValues._fix_item,
    "createOrUpdateMedia": KnownValues._fix_media,
    "uploadAudienceCsv": KnownValues._fix_csv,
}


@cache
def _media_types() -> tuple[str, ...]:
    return tuple(load_spec()["components"]["schemas"]["MediaType"]["enum"])


def _valid_audience_csv() -> str:
    rows = (f"person{number}@example.com,,," for number in range(MIN_IDENTIFIERS))
    return "".join(hash_csv([",".join(IDENTIFIERS), *rows]))


VALID_AUDIENCE_CSV = _valid_audience_csv()


def _digest(value: object) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()


def _pick(options: tuple[_T, ...], seed: object) -> _T:
    return options[int(_digest(seed), 16) % len(options)]


def _replace_unknown(mapping: dict[str, Any], key: str, known: tuple[str, ...]) -> None:
    if key in mapping and mapping[key] not in known and known:
        mapping[key] = _pick(known, mapping[key])


def _with_known(mapping: dict[str, Any], key: str, known: tuple[str, ...]) -> dict[str, Any]:
    mapping = dict(mapping)
    _replace_unknown(mapping, key, known)
    return mapping


def _has_type(value: object, rule: FieldRule) -> bool:
    if value is None:
        return rule.nullable
    if rule.type == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if rule.type == "boolean":
        return isinstance(value, bool)
    if rule.type == "date_time":
        try:
            datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return False
        return isinstance(value, str)
    return isinstance(value, str)


def _sample(rule: FieldRule) -> object:
    return {"number": 1, "boolean": True, "date_time": "2026-01-01T00:00:00Z"}.get(
        rule.type, "text"
    )
