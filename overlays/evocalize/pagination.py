"""Pagination as a strategy plus one lazy walk: a listing is fetched one page at a time, as the
caller iterates, whichever convention the API pages with.

A `PagingStrategy` knows one convention: which parameters ask for the first page, how a decoded
page splits into items and the cursor of the next one, and which parameters ask for that next
page. Evocalize pages with opaque tokens (`pageToken` in, `nextPageToken` out, items in `data`;
openapi.yaml, `info.description`); AppNexus with offsets (`start_element`, `num_elements`,
`count`, at most 100 a page); Adnuntius with page numbers (`page`, `pageSize`, `totalCount`,
`results`). Each is an instance here, so the walk (`iter_pages`, `iter_items` and their async
twins) is written once. Where an Evocalize listing keeps its items is read from the spec
(`TokenPaging.for_operation`), not listed by hand.

A page's `next_cursor` is also where to resume: pass it as `start` to a later walk.
"""

from __future__ import annotations

from collections import deque
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Hashable,
    Iterator,
    Mapping,
    Sequence,
)
from dataclasses import dataclass, replace
from typing import Any, Generic, Protocol, TypeVar, overload

from evocalize.errors import EvocalizeError
from evocalize.spec import OperationSpec, resolve

__all__ = [
    "AsyncFetch",
    "Cursor",
    "CycleGuard",
    "EmptyPagesError",
    "Fetch",
    "KeysetPaging",
    "Locator",
    "NumberedPaging",
    "OffsetPaging",
    "Page",
    "PaginationError",
    "PagingStrategy",
    "RepeatedCursorError",
    "TokenPaging",
    "aiter_items",
    "aiter_pages",
    "iter_items",
    "iter_pages",
    "repeated_cursor",
]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

# Where a page starts: an opaque token, an offset, a page number. Hashable, so a cursor the server
# hands out twice is noticed.
Cursor = Hashable
# Where a value sits in a decoded page: a key, a dotted path ("response.count"), a sequence of
# keys (for keys that hold a dot), or a function of the page.
Locator = str | Sequence[str] | Callable[[Mapping[str, Any]], Any]
# Fetches one page: the query parameters in, the decoded JSON page out. The facade wraps a
# generated operation here and raises its typed errors before returning.
Fetch = Callable[[dict[str, Any]], Mapping[str, Any]]
AsyncFetch = Callable[[dict[str, Any]], Awaitable[Mapping[str, Any]]]


class PaginationError(EvocalizeError):
    """A listing whose pages do not add up."""


class RepeatedCursorError(PaginationError):
    """The server pointed back at a page already fetched: walking on would never end."""


class EmptyPagesError(PaginationError):
    """The server kept answering empty pages that each named a next one: a listing that has
    ended would say so, so walking on would likely never end, nor yield an item."""


def repeated_cursor(cursor: Cursor, pages: int) -> RepeatedCursorError:
    """The error that stops a walk whose server pointed at `cursor` again after `pages` pages."""
    shown = repr(cursor)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return RepeatedCursorError(
        f"the server pointed again at the page {shown} after {pages} "
        f"page{'' if pages == 1 else 's'}; stopping instead of walking in a circle"
    )


@dataclass(frozen=True)
class Page(Generic[T_co]):
    """One page of a listing."""

    items: Sequence[T_co]
    raw: Mapping[str, Any]  # the page as decoded, envelope and all
    next_cursor: Cursor | None  # where the next page starts; None on the last page
    cursor: Cursor | None = None  # where this page started; None for the walk's first page


class PagingStrategy(Protocol):
    """One paging convention. The parameters it returns are only the paging ones: the walk lays
    them over the caller's (filters) for the first page, and over the previous page's for the
    next, so a strategy never has to carry filters along."""

    def first_params(self, start: Cursor | None) -> dict[str, Any]:
        """The paging parameters of the first page, or of the page at `start` when resuming."""
        ...

    def read(self, raw: Mapping[str, Any], params: Mapping[str, Any]) -> Page[Any]:
        """The items of `raw` (fetched with `params`) and the cursor of the next page, if any."""
        ...

    def next_params(self, cursor: Cursor, params: Mapping[str, Any]) -> dict[str, Any]:
        """The paging parameters of the page at `cursor`, given those of the page before."""
        ...


def locate(raw: Mapping[str, Any], where: Locator) -> Any:
    """The value at `where` in `raw`, or None when any step of the way is missing."""
    if callable(where):
        return where(raw)
    keys = where.split(".") if isinstance(where, str) else where
    node: Any = raw
    for key in keys:
        if not isinstance(node, Mapping) or key not in node:
            return None
        node = node[key]
    return node


def _items(raw: Mapping[str, Any], where: Locator) -> Sequence[Any]:
    found = locate(raw, where)
    if found is None:  # an empty listing may leave the field out or send null
        return []
    if not isinstance(found, list):
        raise PaginationError(
            f"expected a list of items at {where!r}, found {type(found).__name__}"
        )
    return found


def listing_items_path(operation: OperationSpec) -> tuple[str, ...]:
    """Where the items of one of the spec's listings sit in its `200` envelope."""
    data = operation.answer_data_schema("200")
    if data.get("type") == "array":
        return ("data",)
    arrays = [
        name
        for name, node in data.get("properties", {}).items()
        if resolve(node).get("type") == "array"
    ]
    if len(arrays) != 1:
        raise ValueError(f"cannot tell where the items of {operation.operation_id} are: {arrays}")
    return ("data", arrays[0])


def _count(raw: Mapping[str, Any], where: Locator | None) -> int | None:
    found = None if where is None else locate(raw, where)
    if isinstance(found, bool) or found is None:
        return None
    try:
        return int(found)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True, kw_only=True)
class TokenPaging:
    """Opaque page tokens: each page names the next one (Evocalize's `pageToken`/
    `nextPageToken`, absent on the last page). An empty page that still names a next one is
    followed (up to `CycleGuard.MAX_EMPTY_PAGES` in a row, then `EmptyPagesError`); a token
    seen before ends the walk with `RepeatedCursorError`."""

    token_param: str = "pageToken"
    next_field: Locator = "nextPageToken"
    items_field: Locator = "data"

    @classmethod
    def for_operation(cls, operation: OperationSpec) -> TokenPaging:
        """The paging of one of the spec's listings, its items found where the schema of its
        `200` answer keeps them: `data` itself, or the one array inside it (grant listings
        answer `data.grants`)."""
        if not operation.paginated:
            raise ValueError(f"{operation.operation_id} is not a paginated listing")
        return cls(items_field=listing_items_path(operation))

    def first_params(self, start: Cursor | None) -> dict[str, Any]:
        return {} if start is None else {self.token_param: start}

    def read(self, raw: Mapping[str, Any], params: Mapping[str, Any]) -> Page[Any]:
        token = locate(raw, self.next_field)
        return Page(_items(raw, self.items_field), raw, token if token else None)

    def next_params(self, cursor: Cursor, params: Mapping[str, Any]) -> dict[str, Any]:
        return {self.token_param: cursor}


@dataclass(frozen=True, kw_only=True)
class OffsetPaging:
    """Offsets: ask for `size_param` items from element `start_param` (0-based), told the total in
    `count_field` (AppNexus: `start_element`, `num_elements`, `response.count`, items under
    `response.<plural>`). The cursor is the offset of the next page's first item.

    Servers may cap the page silently (AppNexus returns at most 100 whatever is asked), so no more
    than `max_page_size` is requested and the next offset counts the items that came back. The
    walk ends at the total; without one, at a page shorter than requested; always at an empty
    page.
    """

    items_path: Locator
    start_param: str = "start_element"
    size_param: str = "num_elements"
    count_field: Locator | None = "response.count"
    page_size: int = 100
    max_page_size: int | None = 100

    def __post_init__(self) -> None:
        if self.page_size < 1:
            raise ValueError("page_size is at least 1")

    @property
    def size(self) -> int:
        """The number of items asked for in each page."""
        if self.max_page_size is None:
            return self.page_size
        return min(self.page_size, self.max_page_size)

    def first_params(self, start: Cursor | None) -> dict[str, Any]:
        return {self.start_param: 0 if start is None else _int(start), self.size_param: self.size}

    def read(self, raw: Mapping[str, Any], params: Mapping[str, Any]) -> Page[Any]:
        items = _items(raw, self.items_path)
        if not items:
            return Page(items, raw, None)
        end = _int(params[self.start_param]) + len(items)
        total = _count(raw, self.count_field)
        if total is not None:
            more = end < total
        else:
            more = len(items) >= _int(params.get(self.size_param, self.size))
        return Page(items, raw, end if more else None)

    def next_params(self, cursor: Cursor, params: Mapping[str, Any]) -> dict[str, Any]:
        return {self.start_param: _int(cursor)}


@dataclass(frozen=True, kw_only=True)
class NumberedPaging:
    """Numbered pages: ask for page `page_param` of `size_param` items, told the total in
    `total_field` (Adnuntius: `page`, `pageSize`, `totalCount`, `results`; its pages count from
    0). The cursor is the next page's number.

    The page size is the one the page reports in `size_field`, else the one asked for. The walk
    ends once the pages so far hold the total; without one, at a page shorter than its size;
    always at an empty page (Adnuntius sometimes answers with everything in one page, which the
    total ends).
    """

    page_param: str = "page"
    size_param: str = "pageSize"
    total_field: Locator | None = "totalCount"
    items_field: Locator = "results"
    size_field: Locator | None = "pageSize"
    first_page: int = 0
    page_size: int | None = None  # None: the server's default

    def first_params(self, start: Cursor | None) -> dict[str, Any]:
        params: dict[str, Any] = {
            self.page_param: self.first_page if start is None else _int(start)
        }
        if self.page_size is not None:
            params[self.size_param] = self.page_size
        return params

    def read(self, raw: Mapping[str, Any], params: Mapping[str, Any]) -> Page[Any]:
        items = _items(raw, self.items_field)
        if not items:
            return Page(items, raw, None)
        page = _int(params[self.page_param])
        size = _count(raw, self.size_field) or self.page_size
        total = _count(raw, self.total_field)
        if total is not None:
            before = (page - self.first_page) * (size if size is not None else len(items))
            more = before + len(items) < total
        else:
            more = size is None or len(items) >= size
        return Page(items, raw, page + 1 if more else None)

    def next_params(self, cursor: Cursor, params: Mapping[str, Any]) -> dict[str, Any]:
        return {self.page_param: _int(cursor)}


@dataclass(frozen=True, kw_only=True)
class KeysetPaging:
    """A keyset cursor: ask for the items after the last one seen, `after_param` set to that
    item's `key_field` (Invoca's transactions: `start_after_transaction_id`, `transaction_id`,
    `limit`). The walk ends at an empty page, as the API asks ("call until no rows are
    returned"); the last page's cursor is where a later pull resumes.
    """

    after_param: str
    key_field: str
    items_field: Locator
    size_param: str | None = None
    page_size: int | None = None  # None: the server's default

    def first_params(self, start: Cursor | None) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if self.size_param is not None and self.page_size is not None:
            params[self.size_param] = self.page_size
        if start is not None:
            params[self.after_param] = start
        return params

    def read(self, raw: Mapping[str, Any], params: Mapping[str, Any]) -> Page[Any]:
        items = _items(raw, self.items_field)
        if not items:
            return Page(items, raw, None)
        last = items[-1]
        key = last.get(self.key_field) if isinstance(last, Mapping) else None
        if key is None or key == "":
            raise PaginationError(f"the last item has no {self.key_field!r} to continue after")
        return Page(items, raw, key)

    def next_params(self, cursor: Cursor, params: Mapping[str, Any]) -> dict[str, Any]:
        return {self.after_param: cursor}


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise PaginationError(f"expected a number as cursor, not {value!r}")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise PaginationError(f"expected a number as cursor, not {value!r}") from None


class _Walk(Generic[T]):
    """The state of one walk through a listing, shared by the sync and async iterators: the
    parameters of the page to fetch next (None after the last page) and the cursors followed."""

    def __init__(
        self,
        strategy: PagingStrategy,
        start: Cursor | None,
        params: Mapping[str, Any] | None,
        convert: Callable[[Any], T] | None,
    ) -> None:
        self.strategy = strategy
        self.convert = convert
        self.cursor = start
        self.guard = CycleGuard(start)
        self.params: dict[str, Any] | None = {**(params or {}), **strategy.first_params(start)}
        self.repeated: PaginationError | None = None

    def next_params(self) -> dict[str, Any] | None:
        """The parameters of the next page to fetch (a copy), or None after the last page."""
        if self.repeated is not None:
            raise self.repeated
        return None if self.params is None else dict(self.params)

    def take(self, raw: Mapping[str, Any]) -> Page[T]:
        """The page `raw`, fetched with the last `next_params()`; moves on to the next page.
        A page that points back at a page already fetched is still returned, with its items:
        the walk stops when asked for the page after it."""
        assert self.params is not None
        read = self.strategy.read(raw, self.params)
        items: Sequence[Any] = read.items
        if self.convert is not None:
            items = [self.convert(item) for item in items]
        page: Page[T] = replace(read, items=items, cursor=self.cursor)
        following = read.next_cursor
        if following is None:
            self.params = None
        else:
            self.repeated = self.guard.stop_before(following, len(items))
            if self.repeated is None:
                self.cursor = following
                self.params = {**self.params, **self.strategy.next_params(following, self.params)}
        return page


class CycleGuard:
    """Whether a walk came back to a page it fetched, in memory that does not grow with the
    listing: the last `RECENT` cursors are remembered exactly (a listing that repeats a recent
    token, the usual fault, is stopped at once), and a longer cycle is caught by Brent's
    method, a checkpoint cursor moved at doubling intervals, before the walk has fetched twice
    the pages it took to close the cycle (pages of the cycle then come again before the stop).
    It also counts the empty pages in a row: more than `MAX_EMPTY_PAGES` of them, each naming
    a next page, end the walk too (a server handing out fresh tokens for ever)."""

    RECENT = 64
    MAX_EMPTY_PAGES = 100

    def __init__(self, start: Cursor | None) -> None:
        self.recent: deque[Cursor] = deque(maxlen=self.RECENT)
        self.checkpoint = start
        self.interval = self.RECENT
        self.since_checkpoint = 0
        self.pages = 1  # fetched so far: the first page is on its way
        self.empty_in_a_row = 0
        if start is not None:
            self.recent.append(start)

    def stop_before(self, cursor: Cursor, items: int) -> PaginationError | None:
        """The error that ends the walk rather than follow `cursor`, named by a page of `items`
        items; None to follow it (it is then noted as fetched)."""
        self.empty_in_a_row = 0 if items else self.empty_in_a_row + 1
        if self.empty_in_a_row > self.MAX_EMPTY_PAGES:
            return EmptyPagesError(
                f"{self.empty_in_a_row} empty pages in a row, each naming a next one, after "
                f"{self.pages} pages; stopping instead of walking on for ever"
            )
        if self.seen_before(cursor):
            return repeated_cursor(cursor, self.pages)
        return None

    def seen_before(self, cursor: Cursor) -> bool:
        """Whether `cursor` names a page already fetched (else it is noted as the next one)."""
        if cursor in self.recent or cursor == self.checkpoint:
            return True
        self.recent.append(cursor)
        self.pages += 1
        self.since_checkpoint += 1
        if self.since_checkpoint == self.interval:
            self.checkpoint, self.interval, self.since_checkpoint = cursor, self.interval * 2, 0
        return False


@overload
def iter_pages(
    fetch: Fetch,
    strategy: PagingStrategy,
    *,
    start: Cursor | None = None,
    params: Mapping[str, Any] | None = None,
    convert: None = None,
) -> Iterator[Page[Any]]: ...
@overload
def iter_pages(
    fetch: Fetch,
    strategy: PagingStrategy,
    *,
    start: Cursor | None = None,
    params: Mapping[str, Any] | None = None,
    convert: Callable[[Any], T],
) -> Iterator[Page[T]]: ...
def iter_pages(
    fetch: Fetch,
    strategy: PagingStrategy,
    *,
    start: Cursor | None = None,
    params: Mapping[str, Any] | None = None,
    convert: Callable[[Any], T] | None = None,
) -> Iterator[Page[Any]]:
    """The pages of a listing, fetched one at a time as they are asked for (nothing before the
    first `next`). `params` (filters and the like) go with every page; `start` resumes at a
    cursor taken from an earlier `Page.next_cursor`; `convert` maps each raw item (to a model)."""
    walk = _Walk(strategy, start, params, convert)
    while (page_params := walk.next_params()) is not None:
        yield walk.take(fetch(page_params))


@overload
def iter_items(
    fetch: Fetch,
    strategy: PagingStrategy,
    *,
    start: Cursor | None = None,
    params: Mapping[str, Any] | None = None,
    convert: None = None,
) -> Iterator[Any]: ...
@overload
def iter_items(
    fetch: Fetch,
    strategy: PagingStrategy,
    *,
    start: Cursor | None = None,
    params: Mapping[str, Any] | None = None,
    convert: Callable[[Any], T],
) -> Iterator[T]: ...
def iter_items(
    fetch: Fetch,
    strategy: PagingStrategy,
    *,
    start: Cursor | None = None,
    params: Mapping[str, Any] | None = None,
    convert: Callable[[Any], T] | None = None,
) -> Iterator[Any]:
    """The items of every page of a listing, in order, as `iter_pages` fetches them."""
    for page in iter_pages(fetch, strategy, start=start, params=params, convert=convert):
        yield from page.items


@overload
def aiter_pages(
    fetch: AsyncFetch,
    strategy: PagingStrategy,
    *,
    start: Cursor | None = None,
    params: Mapping[str, Any] | None = None,
    convert: None = None,
) -> AsyncIterator[Page[Any]]: ...
@overload
def aiter_pages(
    fetch: AsyncFetch,
    strategy: PagingStrategy,
    *,
    start: Cursor | None = None,
    params: Mapping[str, Any] | None = None,
    convert: Callable[[Any], T],
) -> AsyncIterator[Page[T]]: ...
async def aiter_pages(
    fetch: AsyncFetch,
    strategy: PagingStrategy,
    *,
    start: Cursor | None = None,
    params: Mapping[str, Any] | None = None,
    convert: Callable[[Any], T] | None = None,
) -> AsyncIterator[Page[Any]]:
    """`iter_pages` for an awaitable `fetch`."""
    walk = _Walk(strategy, start, params, convert)
    while (page_params := walk.next_params()) is not None:
        yield walk.take(await fetch(page_params))


@overload
def aiter_items(
    fetch: AsyncFetch,
    strategy: PagingStrategy,
    *,
    start: Cursor | None = None,
    params: Mapping[str, Any] | None = None,
    convert: None = None,
) -> AsyncIterator[Any]: ...
@overload
def aiter_items(
    fetch: AsyncFetch,
    strategy: PagingStrategy,
    *,
    start: Cursor | None = None,
    params: Mapping[str, Any] | None = None,
    convert: Callable[[Any], T],
) -> AsyncIterator[T]: ...
async def aiter_items(
    fetch: AsyncFetch,
    strategy: PagingStrategy,
    *,
    start: Cursor | None = None,
    params: Mapping[str, Any] | None = None,
    convert: Callable[[Any], T] | None = None,
) -> AsyncIterator[Any]:
    """`iter_items` for an awaitable `fetch`."""
    async for page in aiter_pages(fetch, strategy, start=start, params=params, convert=convert):
        for item in page.items:
            yield item
