"""What a handler sees: the validated request, its database transaction and the helpers that
shape answers (envelopes, pages, batches), so no resource module re-implements them."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

import sqlalchemy as sa
from evocalize.spec import OperationSpec
from pydantic import BaseModel
from sqlalchemy.engine import Connection

from . import cursor_reads, organizations
from .errors import ApiError
from .pagination import PageWindow

if TYPE_CHECKING:
    from .app import Sandbox

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class Reply:
    """An answer: the status and the JSON body, or None for an answer without a body."""

    status: int
    body: Any | None = None


def ok(data: Any, status: int = 200) -> Reply:
    """The success envelope `{"data": ...}` (docs/decisions.md: wrapped everywhere)."""
    return Reply(status, {"data": data})


def dump(model: BaseModel) -> Any:
    """A generated model as the JSON the spec documents (camelCase, no unset or null)."""
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


def new_id() -> str:
    """A fresh id for objects whose id Evocalize chooses (reports, orders, placeholders)."""
    return secrets.token_urlsafe(15)


@dataclass
class Context:
    """The part shared by a request and by one batch entry being applied in the background."""

    sandbox: Sandbox
    conn: Connection
    operation: OperationSpec
    path_params: dict[str, str]
    client_key_id: str | None

    @property
    def organization(self) -> str | None:
        """Whose data `conn` sees (`organizations`): the caller's, or the batch's."""
        return organizations.current(self.conn)

    def now(self) -> float:
        """Unix seconds from the sandbox clock (tests move it)."""
        return self.sandbox.settings.clock()

    def new_id(self) -> str:
        return new_id()


@dataclass
class RequestContext(Context):
    """One authenticated, validated request inside one database transaction.

    The transaction commits when the handler returns and rolls back when it raises."""

    query: dict[str, Any] = field(default_factory=dict)
    body: Any | None = None
    raw_body: bytes = b""
    form: Mapping[str, Any] = field(default_factory=dict)

    def body_as(self, model: type[ModelT]) -> ModelT:
        """The body, already validated against the operation's schema, typed as `model`."""
        if not isinstance(self.body, model):
            raise ApiError(400, "EV_BAD_REQUEST_MALFORMED", "a request body is required")
        return self.body

    # Pagination -----------------------------------------------------------------------------

    def page_window(self) -> PageWindow:
        """Which slice of the listing to answer: from the `pageToken`, or the first page."""
        return self.sandbox.page_tokens.window(self.operation, self._page_scope(), self.query)

    def page(
        self,
        rows: Sequence[Any],
        window: PageWindow,
        shape: Callable[[list[Any]], Any] = list,
    ) -> Reply:
        """A page envelope from up to `window.limit + 1` rows (the extra one only tells that a
        next page exists). `shape` wraps the items when `data` is not a bare array."""
        items = list(rows[: window.limit])
        body: dict[str, Any] = {"data": shape(items)}
        scope = self._page_scope()
        if len(rows) > window.limit:
            body["nextPageToken"] = self.sandbox.page_tokens.issue(
                self.operation, scope, window.offset + window.limit
            )
        if window.offset > 0:
            body["previousPageToken"] = self.sandbox.page_tokens.issue(
                self.operation, scope, max(0, window.offset - window.limit)
            )
        return Reply(200, body)

    def page_of(
        self,
        statement: sa.Select[Any],
        render: Callable[[Any], Any],
        shape: Callable[[list[Any]], Any] = list,
    ) -> Reply:
        """Runs an ordered `statement` for the requested page and renders each row."""
        window = self.page_window()
        rows = self.conn.execute(statement.offset(window.offset).limit(window.limit + 1)).all()
        return self.page([render(row) for row in rows], window, shape)

    def page_on_cursor(
        self,
        statement: sa.Select[Any],
        render: Callable[[tuple[Any, ...]], Any],
        shape: Callable[[list[Any]], Any] = list,
    ) -> Reply:
        """`page_of` for a listing's hottest reads, on the cursor (`cursor_reads`): `statement`
        is built once (a module constant, compiled once), its columns need no result
        processing (text, integers), and `render` gets each row as a plain tuple. Rendering
        SQLAlchemy rows costs a page of 100 several times what SQLite's work does."""
        window = self.page_window()
        rows = cursor_reads.all_rows(
            self.conn,
            _paged(statement),
            {"page_offset": window.offset, "page_limit": window.limit + 1},
        )
        return self.page([render(row) for row in rows], window, shape)

    def _page_scope(self) -> dict[str, Any]:
        # A token is only good for the same listing with the same filters, in the same
        # organization: another's is refused like a forged one.
        filters = {k: v for k, v in self.query.items() if k != "pageToken"}
        return {
            "path": self.path_params,
            "query": _jsonable(filters),
            "organization": self.organization,
        }

    # Batches --------------------------------------------------------------------------------

    def enqueue_batch(self, entries: Sequence[Any], status: int = 202) -> Reply:
        """Stores every entry of an accepted batch in this transaction and answers `status`
        with its `reportId`; the worker applies them with the `@applies_entry` function of
        this operation. Entries are JSON values, or generated models, stored as the JSON their
        `model_dump(mode="json", by_alias=True)` gives (`dump` drops their nulls first)."""
        report_id = self.sandbox.batches.enqueue(self, entries)
        return Reply(status, {"data": {"reportId": report_id}})


@lru_cache(maxsize=64)
def _paged(statement: sa.Select[Any]) -> sa.Select[Any]:
    """`statement` with its window as parameters, made once per statement (the statements
    are module constants, so that `cursor_reads` compiles each once)."""
    return statement.offset(sa.bindparam("page_offset")).limit(sa.bindparam("page_limit"))


def _jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


@dataclass
class EntryContext(Context):
    """One batch entry being applied; raise `ApiError` to record the entry as failed."""

    report_id: str = ""
    position: int = 0
