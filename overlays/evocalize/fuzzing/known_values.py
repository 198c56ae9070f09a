"""What the target's state holds, so that the fuzzer's positive cases are valid for it.

A schema says what a request looks like, not which users exist, which fields a repository
has or that an order starts in the future. Schemathesis sends schema-valid data and expects it
accepted (`positive_data_acceptance`); an implementation that rightly answers "no group 0"
fails that check unless the positive data names objects that exist. Schemathesis's advice is
to seed known ids and payloads: for a server over `--url`, in a `schemathesis.toml`
(`[parameters]` and `[dictionaries]`, read by `SchemathesisConfig.discover()`); for a target
whose state is known in process, `KnownValues.install(schema)` rewrites positive cases with
schema hooks (`map_case`, and `before_add_examples` for the spec's examples), in every phase.
What only the run itself decides (which orders it placed, which it cancelled, which content
items it created and deleted) is learnt from the answers (`after_call`) and applied just before
a case is sent (`before_call`): a positive case that names an item id this run never saw names
one it created instead, so that the operations on an item (those the spec links from
createOrUpdateItem) are exercised on real items, not only answered 404.

Only positive cases change: a negative case is sent as generated, and every check still runs.
Each value is chosen from what the original one was (a stable hash), so a run stays
reproducible under its seed and different generated ids still spread over the known ones.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote, unquote

from evocalize.audience import IDENTIFIERS, MIN_IDENTIFIERS, hash_csv
from evocalize.spec import load_spec

if TYPE_CHECKING:
    from schemathesis import Case, HookContext, Response
    from schemathesis.schemas import BaseSchema

# The API reference's order rules: a start in the future, a purchase's end at least 24 hours after
# it.
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
    # The orders this run placed, learnt from the answers (their ids are the target's).
    orders: OrderLedger = field(default_factory=lambda: OrderLedger(), compare=False)
    # The content items this run created and deleted, learnt from the answers.
    items: ItemLedger = field(default_factory=lambda: ItemLedger(), compare=False)

    def __post_init__(self) -> None:
        self.orders.products = self.products

    def install(self, schema: BaseSchema) -> None:
        """Registers the hooks on `schema`, for every phase (and once, a global `before_call`
        that acts only on schemas with `KnownValues` installed)."""
        global _GLOBAL_HOOK_REGISTERED
        if not _GLOBAL_HOOK_REGISTERED:
            from schemathesis.hooks import GLOBAL_HOOK_DISPATCHER

            GLOBAL_HOOK_DISPATCHER.register_hook_with_name(_before_call, "before_call")
            _GLOBAL_HOOK_REGISTERED = True
        schema.hooks.register_hook_with_name(self._map_case, "map_case")
        schema.hooks.register_hook_with_name(self._map_examples, "before_add_examples")
        schema.hooks.register_hook_with_name(self._after_call, "after_call")

    def _map_examples(self, context: HookContext, examples: list[Case[Any]]) -> None:
        for case in examples:
            self._map_case(context, case)

    def _map_case(self, context: HookContext, case: Case[Any]) -> Case[Any]:
        self._apply(case, _FIXES)
        return case

    def _before_call(self, case: Case[Any]) -> None:
        # Cases may be generated well before they are sent; what an order is by then is known
        # only now, from the answers recorded so far. Stateful steps also fill in what links
        # give after `map_case`: the fixes are applied again to what is sent.
        self._apply(case, _FIXES)
        self._apply(case, _FIXES_BEFORE_CALL)
        meta = case.meta
        if meta is None or meta.generation.mode.is_positive:
            self.items.redirect_unseen(case, tuple(self.repositories))

    def _apply(
        self,
        case: Case[Any],
        fixes: Mapping[str, Callable[[KnownValues, dict[str, Any], dict[str, Any]], None]],
    ) -> None:
        meta = case.meta
        if meta is not None and not meta.generation.mode.is_positive:
            return
        fix = fixes.get(_operation_id(case))
        entry_fix = _ENTRY_FIXES.get(_operation_id(case)) if fixes is _FIXES else None
        if entry_fix is not None and isinstance(case.body, list):
            entries = [dict(entry) if isinstance(entry, dict) else entry for entry in case.body]
            for entry in entries:
                if isinstance(entry, dict):
                    entry_fix(self, entry, {})
            if entries != case.body:
                case.body = entries
        has_body = isinstance(case.body, dict)
        body: dict[str, Any] = dict(case.body) if isinstance(case.body, dict) else {}
        path = dict(case.path_parameters or {})
        if fixes is _FIXES:
            self._fix_grants(body)
        if fix is not None:
            fix(self, body, path)
        # An assignment makes schemathesis validate the case again: only when it changed.
        if has_body and body != case.body:
            case.body = body
        if path != (case.path_parameters or {}):
            case.path_parameters = path

    def _after_call(self, context: HookContext, case: Case[Any], response: Response) -> None:
        if 200 <= response.status_code < 300:
            self.orders.record(
                str(case.operation.definition.raw.get("operationId")), case, response
            )
            self.items.record(_operation_id(case), case, response)

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
    # A user kept for orders is left as it is: an edit could take it out of its group.
    def _fix_user(self, body: dict[str, Any], path: dict[str, Any]) -> None:
        self._spare_order_members(body, "id")
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
            body["paymentAmount"] = _amount_for(body.get("paymentAmount"), product)
        schedule = body.get("schedule")
        if isinstance(schedule, dict):
            start = int(time.time()) + _DAY
            schedule = {**schedule, "startTimestamp": start}
            if "endTimestamp" in schedule and body.get("orderType") == "purchase":
                schedule["endTimestamp"] = start + 2 * _DAY
            body["schedule"] = schedule
        if "contentItemIds" in body:
            body["contentItemIds"] = []

    # deactivateUser: never a user kept for orders (the sandbox refuses orders for a
    # deactivated user, and their ids reach the fuzzer through listings).
    def _fix_deactivation(self, body: dict[str, Any], path: dict[str, Any]) -> None:
        self._spare_order_members(path)

    def _spare_order_members(self, where: dict[str, Any], key: str = "userId") -> None:
        reserved = {user_id for user_id, _ in self.order_members}
        others = tuple(user_id for user_id in self.users if user_id not in reserved)
        if where.get(key) in reserved and others:
            where[key] = _pick(others, where[key])

    # cancelOrder: an order of this run that is not cancelled yet (an ended order cannot be).
    def _fix_cancel(self, body: dict[str, Any], path: dict[str, Any]) -> None:
        self.orders.redirect_from_cancelled(path)

    # editOrder: a live order; a schedule in the future, with an end 24 hours after the start
    # for a purchase and none for a subscription; an amount the order's product takes.
    def _fix_edit(self, body: dict[str, Any], path: dict[str, Any]) -> None:
        self.orders.redirect_from_cancelled(path)
        placed = self.orders.placed.get(str(path.get("orderId")))
        if placed is None:
            return  # not an order of this run: the answer is a 404
        order_type, product = placed
        if isinstance(body.get("schedule"), dict):
            start = int(time.time()) + _DAY
            body["schedule"] = (
                {"startTimestamp": start, "endTimestamp": start + 2 * _DAY}
                if order_type == "purchase"
                else {"startTimestamp": start}
            )
        if "paymentAmount" in body and product is not None:
            body["paymentAmount"] = _amount_for(body["paymentAmount"], product)

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

    # uploadAudienceCsv: a CSV that meets the API reference's requirements, to a placeholder that
    # takes one. Text, not bytes: schemathesis validates a modified body again, and bytes do not
    # validate as a string.
    def _fix_csv(self, body: dict[str, Any], path: dict[str, Any]) -> None:
        if "file" in body:
            body["file"] = VALID_AUDIENCE_CSV
        if self.csv_placeholders and "placeholderId" in path:
            path["placeholderId"] = _pick(self.csv_placeholders, path["placeholderId"])


_Fix = Callable[["KnownValues", dict[str, Any], dict[str, Any]], None]
_FIXES: dict[str, _Fix] = {
    "createOrUpdateUser": KnownValues._fix_user,
    "placeOrder": KnownValues._fix_order,
    "createOrUpdateItem": KnownValues._fix_item,
    "createOrUpdateMedia": KnownValues._fix_media,
    "deactivateUser": KnownValues._fix_deactivation,
    "uploadAudienceCsv": KnownValues._fix_csv,
}

# Batches: each entry, as the single operation's body. A batch is processed later, so only
# what it stores matters: a media id keeps its type.
_ENTRY_FIXES: dict[str, _Fix] = {
    "createOrUpdateMediaBatch": KnownValues._fix_media,
    "createOrUpdateUserBatch": KnownValues._fix_user,
}
_FIXES_BEFORE_CALL: dict[str, _Fix] = {
    "cancelOrder": KnownValues._fix_cancel,
    "editOrder": KnownValues._fix_edit,
}


def _before_call(context: HookContext, case: Case[Any], kwargs: dict[str, Any]) -> None:
    """Schemathesis has `before_call` only as a global hook: it hands each case to the
    `KnownValues` installed on the case's own schema, and leaves any other schema alone; then,
    for the schemas `encode_path_separators` names, encodes `/` in path values."""
    for hook in case.operation.schema.hooks.get_all_by_name("map_case"):
        owner = getattr(hook, "__self__", None)
        if isinstance(owner, KnownValues):
            owner._before_call(case)
    if _encodes_separators in case.operation.schema.hooks.get_all_by_name("map_case"):
        _encode_separators(case)


_GLOBAL_HOOK_REGISTERED = False


def _encodes_separators(context: HookContext, case: Case[Any]) -> Case[Any]:
    """Marks a schema whose path values `_before_call` encodes (schemas are not hashable, so a
    set of them cannot say it); leaves the case as it is."""
    return case


def encode_path_separators(schema: BaseSchema) -> None:
    """Sends a `/` inside a path value as `%2F`, as a client must (RFC 3986: a path parameter is
    one segment). Schemathesis leaves it literal in the path of a request it sends, so an item
    created with a `/` in its id (allowed: ids are any string) was then addressed at a path of
    one more segment, answered 404, and reported as "Created resource not found"."""
    global _GLOBAL_HOOK_REGISTERED
    if not _GLOBAL_HOOK_REGISTERED:
        from schemathesis.hooks import GLOBAL_HOOK_DISPATCHER

        GLOBAL_HOOK_DISPATCHER.register_hook_with_name(_before_call, "before_call")
        _GLOBAL_HOOK_REGISTERED = True
    if _encodes_separators not in schema.hooks.get_all_by_name("map_case"):
        schema.hooks.register_hook_with_name(_encodes_separators, "map_case")


def _encode_separators(case: Case[Any]) -> None:
    path = case.path_parameters or {}
    encoded = {
        name: value.replace("/", "%2F") if isinstance(value, str) else value
        for name, value in path.items()
    }
    if encoded != path:
        case.path_parameters = encoded


@cache
def _media_types() -> tuple[str, ...]:
    return tuple(load_spec()["components"]["schemas"]["MediaType"]["enum"])


# An order id no target issues: where no order of the run can take an edit or cancellation.
NO_SUCH_ORDER = "evocalize-fuzz-no-such-order"


class OrderLedger:
    """Orders placed and cancelled during a run, as the target answered: the state that
    decides whether an edit or a cancellation is valid, which no schema can tell."""

    def __init__(self) -> None:
        # Order id -> (orderType, the product it was placed with when known).
        self.placed: dict[str, tuple[str, ProductLimits | None]] = {}
        self.cancelled: set[str] = set()
        self._lock = threading.Lock()
        self.products: tuple[ProductLimits, ...] = ()

    def record(self, operation_id: str, case: Case[Any], response: Response) -> None:
        if operation_id == "placeOrder":
            try:
                order = response.json()["data"]
            except (ValueError, KeyError, TypeError):
                return
            product = next((p for p in self.products if p.code == order.get("productCode")), None)
            with self._lock:
                self.placed[str(order.get("id"))] = (str(order.get("orderType")), product)
        elif operation_id == "cancelOrder":
            with self._lock:
                self.cancelled.add(str((case.path_parameters or {}).get("orderId")))

    def redirect_from_cancelled(self, path: dict[str, Any]) -> None:
        """An order id this run cancelled becomes one it placed and did not cancel; when every
        one is cancelled, an id of no order (the answer is the documented 404)."""
        with self._lock:
            if path.get("orderId") not in self.cancelled:
                return
            live = tuple(order for order in self.placed if order not in self.cancelled)
        path["orderId"] = _pick(live, path["orderId"]) if live else NO_SUCH_ORDER


# What creates a content item, and what removes one (one id in the path, or a batch of ids).
_CREATES_ITEM = "createOrUpdateItem"
_DELETES_ITEM = "deleteItem"
_DELETES_ITEMS = "deleteItemBatch"


@cache
def _item_references() -> dict[str, tuple[str, str]]:
    """operationId -> (repository parameter, item parameter) of each operation the spec links
    from createOrUpdateItem with the created item's id: the operations on an existing item."""
    from evocalize.spec import operation_spec, resolve

    found: dict[str, tuple[str, str]] = {}
    for code, answer in operation_spec(_CREATES_ITEM).node.get("responses", {}).items():
        if not str(code).startswith("2"):
            continue
        for link in resolve(answer).get("links", {}).values():
            parameters = resolve(link).get("parameters", {})
            item = next(
                (name for name, value in parameters.items() if value == _CREATED_ITEM_ID), None
            )
            repository = next(
                (name for name, value in parameters.items() if value == _ITS_REPOSITORY), None
            )
            if item and repository:
                found[str(resolve(link)["operationId"])] = (repository, item)
    return found


_CREATED_ITEM_ID = "$response.body#/data/values/id"
_ITS_REPOSITORY = "$request.path.repositoryId"


class ItemLedger:
    """Content items created and deleted during a run, as the target answered."""

    def __init__(self) -> None:
        # Repository id -> ids of the items it holds, oldest first.
        self.live: dict[str, list[str]] = {}
        # (repository, item) pairs the run created or deleted, or named in a batch delete.
        self.seen: set[tuple[str, str]] = set()
        self._lock = threading.Lock()

    def record(self, operation_id: str, case: Case[Any], response: Response) -> None:
        # Path values may reach hooks percent-encoded; the ledger keeps them as the ids they are.
        repository = unquote(str((case.path_parameters or {}).get("repositoryId")))
        if operation_id == _CREATES_ITEM:
            try:
                item = str(response.json()["data"]["values"]["id"])
            except (ValueError, KeyError, TypeError):
                return
            with self._lock:
                self.seen.add((repository, item))
                live = self.live.setdefault(repository, [])
                if item not in live:
                    live.append(item)
            return
        if operation_id == _DELETES_ITEM:
            removed = [unquote(str((case.path_parameters or {}).get("itemId")))]
        elif operation_id == _DELETES_ITEMS and isinstance(case.body, list):
            removed = [str(item) for item in case.body]  # removed later: never named again
        else:
            return
        with self._lock:
            live = self.live.get(repository, [])
            for item in removed:
                self.seen.add((repository, item))
                if item in live:
                    live.remove(item)

    def redirect_unseen(self, case: Case[Any], repositories: tuple[str, ...] = ()) -> None:
        """In an operation on an existing item, an item id the run never saw becomes one the
        run created and did not delete (in a repository that holds one, when the case names
        none of `repositories`, those the target is known to have). deleteItem spares the
        oldest item of each repository, so that the other operations always find one. Ids the
        run deleted are sent as they are: reading them must answer 404 (`use_after_free`)."""
        names = _item_references().get(_operation_id(case))
        path = case.path_parameters or {}
        if names is None or names[0] not in path or names[1] not in path:
            return
        repository, item = unquote(str(path[names[0]])), unquote(str(path[names[1]]))
        spare = 1 if _operation_id(case) == _DELETES_ITEM else 0
        with self._lock:
            holding = tuple(repo for repo, live in self.live.items() if len(live) > spare)
            if repository not in repositories and repository not in self.live and holding:
                repository = _pick(holding, repository)
            if (repository, item) in self.seen:
                return
            live = tuple(self.live.get(repository, ()))[spare:]
        if live:
            # Sent percent-encoded, as the other path values are by now.
            case.path_parameters = {
                **path,
                names[0]: quote(repository, safe=""),
                names[1]: quote(_pick(live, item), safe=""),
            }


def _amount_for(amount: object, product: ProductLimits) -> float:
    """`amount` when the product takes it (in cents), else the product's least."""
    if (
        isinstance(amount, int | float)
        and not isinstance(amount, bool)
        and product.min_spend <= round(amount, 2) <= product.max_spend
    ):
        return amount
    return product.min_spend


def _operation_id(case: Case[Any]) -> str:
    return str(case.operation.definition.raw.get("operationId"))


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
