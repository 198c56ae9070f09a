"""The page a listing method returns: this page's items and token, and every item of every page.

`ev.users.list_users()` fetches the first page and returns a `SyncPage[User]`:
`page.data` holds its items and `page.next_page_token` the token of the next page (None on the
last); iterating the page walks every item of every page, fetching each next page only when the
walk reaches it; `page.pages()` walks the pages themselves. The async client returns an
`AsyncPaginator[User]`: `await` it for the first `AsyncPage`, or `async for` over it for every
item. A token the server hands out twice ends the walk with `RepeatedCursorError`
(`pagination.CycleGuard`), instead of walking in a circle, and so do endless empty pages, with
`EmptyPagesError`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Mapping
from typing import Any, Generic, TypeVar

from evocalize.pagination import CycleGuard

__all__ = ["AsyncPage", "AsyncPaginator", "SyncPage"]

T = TypeVar("T")


class _PageBase(Generic[T]):
    def __init__(
        self,
        data: list[T],
        next_page_token: str | None,
        raw: Mapping[str, Any],
        page_token: str | None,
    ) -> None:
        self.data = data
        self.next_page_token = next_page_token
        # The decoded envelope, as the server sent it (`metadata`, `previousPageToken`, ...).
        self.raw = raw
        # The token this page was fetched with; None for a listing's first page.
        self.page_token = page_token

    def has_next_page(self) -> bool:
        return self.next_page_token is not None

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        more = f", next_page_token={self.next_page_token!r}" if self.next_page_token else ""
        return f"{type(self).__name__}({len(self.data)} items{more})"


class SyncPage(_PageBase[T]):
    """One page of a listing; iterating it walks every item of this page and the next ones."""

    def __init__(
        self,
        data: list[T],
        next_page_token: str | None,
        raw: Mapping[str, Any],
        page_token: str | None,
        fetch: Callable[[str], SyncPage[T]],
    ) -> None:
        super().__init__(data, next_page_token, raw, page_token)
        self._fetch = fetch

    def next_page(self) -> SyncPage[T]:
        """The page after this one; a `StopIteration`-free check is `has_next_page()`."""
        if self.next_page_token is None:
            raise ValueError("this is the last page")
        return self._fetch(self.next_page_token)

    def pages(self) -> Iterator[SyncPage[T]]:
        """This page, then each following page, fetched as the walk reaches it."""
        guard = CycleGuard(self.page_token)
        page = self
        yield page
        while page.next_page_token is not None:
            stop = guard.stop_before(page.next_page_token, len(page.data))
            if stop is not None:
                raise stop
            page = page.next_page()
            yield page

    def items(self) -> Iterator[T]:
        """Every item of this page and of the following ones, lazily."""
        for page in self.pages():
            yield from page.data

    def __iter__(self) -> Iterator[T]:
        return self.items()


class AsyncPage(_PageBase[T]):
    """One page of a listing of the async client; `async for` walks every following item."""

    def __init__(
        self,
        data: list[T],
        next_page_token: str | None,
        raw: Mapping[str, Any],
        page_token: str | None,
        fetch: Callable[[str], Awaitable[AsyncPage[T]]],
    ) -> None:
        super().__init__(data, next_page_token, raw, page_token)
        self._fetch = fetch

    async def next_page(self) -> AsyncPage[T]:
        if self.next_page_token is None:
            raise ValueError("this is the last page")
        return await self._fetch(self.next_page_token)

    async def pages(self) -> AsyncIterator[AsyncPage[T]]:
        """This page, then each following page, fetched as the walk reaches it."""
        guard = CycleGuard(self.page_token)
        page = self
        yield page
        while page.next_page_token is not None:
            stop = guard.stop_before(page.next_page_token, len(page.data))
            if stop is not None:
                raise stop
            page = await page.next_page()
            yield page

    async def items(self) -> AsyncIterator[T]:
        """Every item of this page and of the following ones, lazily."""
        async for page in self.pages():
            for item in page.data:
                yield item

    def __aiter__(self) -> AsyncIterator[T]:
        return self.items()


class AsyncPaginator(Generic[T]):
    """What an async listing method returns before anything is fetched: `await` it for the
    first page, or `async for` over it for every item of every page."""

    def __init__(self, first: Callable[[], Awaitable[AsyncPage[T]]]) -> None:
        self._first = first

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self._first().__await__()

    async def pages(self) -> AsyncIterator[AsyncPage[T]]:
        page = await self._first()
        async for each in page.pages():
            yield each

    async def items(self) -> AsyncIterator[T]:
        page = await self._first()
        async for item in page.items():
            yield item

    def __aiter__(self) -> AsyncIterator[T]:
        return self.items()
