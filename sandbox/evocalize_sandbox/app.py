"""The ASGI app: routes every request to the operation of the spec it names, authenticates,
validates and runs the registered handler in one database transaction.

Routing is derived from `openapi.yaml`: a path the spec does not know is a 404, a method it
does not declare on a known path a 405 with `Allow`, both with the error envelope. Anything
unexpected becomes the 500 envelope (`EV_INTERNAL_SERVER_ERROR`), logged without the request's
credentials, so no input ever produces an unshaped answer.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractContextManager, asynccontextmanager
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import anyio
import anyio.to_thread
from evocalize.spec import OperationSpec, path_matches
from sqlalchemy.engine import Connection, Engine
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from . import organizations
from .api_docs import install as install_api_docs
from .auth import (
    Caller,
    KnownClient,
    check_before_body,
    development_client,
    known_client,
    register_clients,
    sent_credentials,
)
from .batches import Batches
from .clock import SandboxClock
from .conflicts import retrying_conflicts
from .context import Reply, RequestContext
from .errors import INTERNAL_ERROR, ApiError, malformed
from .faults import FaultInjector, Faults
from .loop_writes import LoopWrites
from .pagination import PageTokens
from .registry import HANDLERS, READ_ONLY, check_every_operation_is_handled
from .request_bodies import check_media_type, read_capped, read_form, spooled_body
from .seed import SeedSource, apply_seed
from .settings import Settings
from .storage import (
    DEFAULT_DATABASE_URL,
    HeldConnections,
    create_engine,
    create_read_engine,
    create_schema,
    is_shared,
    persistent_secret,
)
from .validation import parse_json_into, request_body_of, validate_parameters, validate_python

if TYPE_CHECKING:
    from .worker_process import WorkerProcess

logger = logging.getLogger(__name__)

# Where the spec's operations live (every path of openapi.yaml starts so).
API_PREFIX = "/management/"
# A write whose JSON body is at most this long may run on the event loop (`loop_writes`):
# checking and storing it takes well under a millisecond, while a 1000-entry batch would hold
# up every other request for tens of them, and so goes to a worker thread.
LOOP_WRITE_BODY_BYTES = 16 * 1024


class Sandbox:
    """One sandbox instance: its database, settings and batch worker (`app.state.sandbox`)."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        if settings.test_mode and not isinstance(settings.clock, SandboxClock):
            settings = replace(settings, clock=SandboxClock(settings.clock))
        if settings.worker_process and (settings.test_mode or not is_shared(engine)):
            # The worker's process would see neither this one's clock nor its memory.
            raise ValueError("a worker process needs a database file or server, and no test clock")
        self.engine = engine
        read_engine = create_read_engine(engine)
        self.readers = None if read_engine is None else HeldConnections(read_engine)
        # Small writes on the event loop, where reads run (SQLite files only: `_Dispatcher`).
        self.loop_writes = None if read_engine is None else LoopWrites(engine)
        self.settings = settings
        self.page_tokens = PageTokens(
            persistent_secret(engine, "page_token_key"), settings.page_size
        )
        self.batches = Batches(self, engine, settings.lease_seconds)
        # The test clock (test mode only) and the faults injected (clock.py, faults.py).
        self.clock = settings.clock if isinstance(settings.clock, SandboxClock) else None
        self.faults = Faults(settings.faults)
        self.worker_running = False
        # How many `running()` blocks are open: a test may enter one app's lifespan from several
        # threads at once (a TestClient each), and the first to leave must not stop the worker
        # or close the read connections under the others.
        self._runs = 0
        self._runs_lock = threading.Lock()
        # The batch worker's own process, while one runs (`Settings.worker_process`).
        self.worker_process: WorkerProcess | None = None

    def __repr__(self) -> str:
        return f"Sandbox(url={self.engine.url!r})"

    def close(self) -> None:
        """Gives back every database connection (the app's shutdown)."""
        self._close_held_connections()
        self.engine.dispose()

    def _close_held_connections(self) -> None:
        if self.readers is not None:
            self.readers.close()
        if self.loop_writes is not None:
            self.loop_writes.close()

    def process_pending_batches(self, limit: int | None = None) -> int:
        """Applies pending batch entries now (at most `limit`); returns how many."""
        return self.batches.process_pending(limit)

    @asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """The sandbox at work: its batch worker runs (unless the settings say not to) until
        the block ends. The app's lifespan, and what `InProcessSandbox` runs."""
        with self._runs_lock:
            self._runs += 1
            self.batches.stopping.clear()
            first = self._runs == 1
        # Set when this block ends: its worker thread stops, whether or not others run on.
        leaving = threading.Event()
        async with anyio.create_task_group() as tasks:
            if self.settings.run_worker and self.settings.worker_process:
                if first:
                    self._start_worker_process()
            elif self.settings.run_worker and not self.settings.apply_batches_inline:
                tasks.start_soon(self.run_worker, leaving)
                self.worker_running = True
            try:
                yield
            finally:
                leaving.set()
                with self._runs_lock:
                    self._runs -= 1
                    last = self._runs == 0
                    if last:
                        self.worker_running = False
                        self.batches.stopping.set()
                self.batches.accepted.set()  # ends the worker's wait at once
                tasks.cancel_scope.cancel()
                if last:
                    self._close_held_connections()
        if last:  # outside the cancelled task group, which would cancel the wait
            await anyio.to_thread.run_sync(self._stop_worker_process)

    def _start_worker_process(self) -> None:
        from .worker_process import WorkerProcess

        self.worker_process = WorkerProcess(
            self.engine.url.render_as_string(hide_password=False), self.settings
        )
        self.worker_process.start()
        self.worker_running = True

    def _stop_worker_process(self) -> None:
        if self.worker_process is not None:
            self.worker_process.stop()
            self.worker_process = None

    def batch_accepted(self) -> None:
        """A batch was committed: whichever worker applies them may start on it now rather
        than at its next poll."""
        self.batches.accepted.set()
        if self.worker_process is not None:
            self.worker_process.notify()

    async def run_worker(self, leaving: threading.Event) -> None:
        """The batch worker on a thread of its own, until the sandbox stops or `leaving` is
        set. Its own limiter: it takes none of the threads that requests are handed to."""
        await anyio.to_thread.run_sync(
            partial(self.keep_applying, lambda: not leaving.is_set()),
            limiter=anyio.CapacityLimiter(1),
        )

    def keep_applying(self, keep_going: Callable[[], bool] = lambda: True) -> None:
        """Applies pending batches whenever a batch is accepted (`batch_accepted`, or a byte
        on the worker process's pipe) and at every poll, until the batches are stopping or
        `keep_going()` says no: the loop of the worker thread and of the worker process."""
        batches = self.batches
        while not batches.stopping.is_set() and keep_going():
            # Cleared before the pass: a batch accepted during it sets it again, so the next
            # wait returns at once and no batch waits for the poll.
            batches.accepted.clear()
            try:
                self.process_pending_batches()
            except Exception:
                logger.exception("the batch worker failed; retrying")
            # Woken by a batch this process accepts (or at shutdown); the poll finds those
            # other processes accepted, and reports whose lease expired.
            batches.accepted.wait(self.settings.worker_poll_seconds)


def create_app(
    *,
    database_url: str | None = None,
    clients: Mapping[str, str] | None = None,
    seed: SeedSource | None = None,
    settings: Settings | None = None,
    development_credential: bool = False,
) -> Starlette:
    """The sandbox as an ASGI app. `clients` maps key ids to client keys (added to those the
    database already has), a key id written `KEY_ID@ORGANIZATION` joining that organization
    (`organizations.py`); `development_credential` makes one (`auth.development_client`) if
    the database has none. `seed` is a seed file or mapping (see `seed.py`), loaded into each
    organization. An operation of the spec without a handler is an `UnhandledOperationError`
    naming the file to add it to."""
    check_every_operation_is_handled()
    engine = create_engine(database_url or DEFAULT_DATABASE_URL)
    create_schema(engine)
    if clients:
        register_clients(engine, clients)
    if development_credential:
        development_client(engine)
    # After the credentials: each of their organizations gets the seed.
    apply_seed(engine, seed)
    sandbox = Sandbox(engine, settings or Settings())

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        async with sandbox.running():
            yield

    dispatcher = _Dispatcher(sandbox)
    api: ASGIApp = dispatcher
    if sandbox.settings.test_mode or sandbox.settings.faults is not None:
        api = FaultInjector(dispatcher, sandbox.faults, _operation_id)
    app = _SandboxApp(api, lifespan=lifespan)
    # Every request goes to the dispatcher, which routes by the spec itself: a starlette route
    # pattern would not match every path the spec allows (a `{param}` may hold a newline).
    app.router.default = dispatcher
    app.router.redirect_slashes = False
    app.state.sandbox = sandbox
    # Sandbox-only routes outside /management/v1, ahead of the dispatcher.
    from .leads.endpoint import install as install_leads_endpoint

    install_leads_endpoint(app)
    install_api_docs(app)
    if sandbox.clock is not None:
        from .admin import install as install_admin

        install_admin(app, sandbox.clock, sandbox.faults)
    return app


class _SandboxApp(Starlette):
    """Starlette, with the API's own paths handed to the dispatcher at once: it answers every
    failure itself (the error envelope, never an exception), so starlette's error middleware
    and router, which every request would otherwise cross, have nothing to add there."""

    def __init__(self, dispatcher: ASGIApp, **options: Any) -> None:
        super().__init__(**options)
        self._dispatcher = dispatcher

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and str(scope["path"]).startswith(API_PREFIX):
            scope["app"] = self
            await self._dispatcher(scope, receive, send)
        else:
            await super().__call__(scope, receive, send)


def _error_response(error: ApiError, headers: Mapping[str, str] | None = None) -> Response:
    return JSONResponse(error.envelope(), status_code=error.status, headers=headers)


def _log_error_answer(method: str, path: str, response: Response) -> None:
    """One line for an error answer, what a partner debugging their client looks for: the
    method, the path (without its query), the status and each error's `EV_*` code and field,
    as `POST /management/v1/users -> 400 EV_BAD_REQUEST_INVALID_FIELDS (field email)`. Never
    the message, the request's headers or a body: they may hold what the partner sent."""
    try:
        errors = json.loads(bytes(response.body))["errors"]
        described = "; ".join(
            str(error["code"]) + (f" (field {error['field']})" if error.get("field") else "")
            for error in errors
        )
    except (ValueError, KeyError, TypeError):
        described = "(no error envelope)"
    level = logging.WARNING if response.status_code >= 500 else logging.INFO
    logger.log(level, "%s %s -> %d %s", method, path, response.status_code, described)


def _logged_path(scope: Scope) -> str:
    """The path as sent, percent-encoding kept (a decoded one may hold line breaks), no query."""
    raw_path = scope.get("raw_path") or str(scope["path"]).encode("utf-8")
    return str(raw_path.decode("latin-1").split("?", 1)[0])


Route = tuple[OperationSpec | None, tuple[tuple[str, str], ...], tuple[str, ...]]
# Paths up to this long are remembered: partners call the same paths again and again, and
# matching one against every template of the spec costs more than the rest of a simple read's
# routing. Longer ones (rare, and of any size) are matched afresh, so the cache stays small.
CACHED_PATH_LENGTH = 256


def _route(method: str, path: str) -> Route:
    if len(path) <= CACHED_PATH_LENGTH:
        return _cached_route(method, path)
    return _match_route(method, path)


def _match_route(method: str, path: str) -> Route:
    """The operation for this request, its path values, and the methods the path allows.

    Only the most specific template that matches counts (OpenAPI: concrete paths match before
    templated ones): `/audience/provided` is that path alone, so it allows POST and nothing
    else, rather than also the GET of `/audience/{placeholderId}`."""
    matches = path_matches(path)
    if matches:
        template = matches[0][0].path
        matches = [(op, values) for op, values in matches if op.path == template]
    allowed = tuple(sorted({op.method.upper() for op, _ in matches}))
    # Methods are case-sensitive (RFC 9110): `get` is not GET, and gets the 405 with `Allow`.
    for op, values in matches:
        if op.method.upper() == method:
            return op, tuple(values.items()), allowed
    return None, (), allowed


_cached_route = lru_cache(maxsize=4096)(_match_route)


def _operation_id(scope: Scope) -> str | None:
    """The operationId an API request names, or None (fault injection's question)."""
    raw_path = scope.get("raw_path") or str(scope["path"]).encode("utf-8")
    operation = _route(scope["method"], raw_path.decode("latin-1").split("?", 1)[0])[0]
    return None if operation is None else operation.operation_id


class _Dispatcher:
    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        try:
            response = await self._handle(request)
        except ApiError as error:
            response = _error_response(error)
        except ClientDisconnect:
            # Nobody to answer, and nothing went wrong here: one line, not an error.
            logger.info(
                "%s %s: the client disconnected before sending the whole body",
                request.method,
                _logged_path(scope),
            )
            return
        except Exception:
            logger.exception("unexpected error answering %s %r", request.method, scope.get("path"))
            response = _error_response(INTERNAL_ERROR)
        if response.status_code >= 400:
            _log_error_answer(request.method, _logged_path(scope), response)
        await response(scope, receive, send)
        sandbox = self.sandbox
        if sandbox.settings.run_worker and not sandbox.worker_running and request.method != "GET":
            # Served without a lifespan (httpx.ASGITransport runs none), or asked to
            # (`apply_batches_inline`), so no worker applies the batches: this request's are
            # applied now, once its answer has gone out.
            await anyio.to_thread.run_sync(sandbox.process_pending_batches)

    async def _handle(self, request: Request) -> Response:
        # Routed on the raw path, each value decoded after the match: an id may hold an encoded
        # `/` (`/user/a%2Fb`), and the decoded path would split it. (Nor `request.url.path`:
        # urllib drops tabs and newlines, which would route `/users%0A` to `/users`.)
        path = str(request.scope["path"])
        raw_path = request.scope.get("raw_path", path.encode()).decode("latin-1").split("?")[0]
        operation, raw_values, allowed = _route(request.method, raw_path)
        path_values = {name: unquote(value) for name, value in raw_values}
        if operation is None:
            if allowed:
                error = ApiError(
                    405, "EV_BAD_REQUEST_MALFORMED", f"{request.method} is not allowed here"
                )
                return _error_response(error, {"Allow": ", ".join(allowed)})
            return _error_response(ApiError(404, "EV_OBJECT_NOT_FOUND", f"no endpoint at {path}"))
        # Authenticated before the body is read: an unknown key id, a wrong shared secret or a
        # stale timestamp is refused without receiving a byte of it, and a signed body is hashed
        # as it streams and parsed only once its signature matched.
        sent = sent_credentials(request.headers)
        client = await self._known_client(sent.key_id)
        pending = check_before_body(sent, client, raw_path, self.sandbox.settings.clock())
        assert client is not None  # check_before_body refused an unknown key id
        caller = Caller(sent.key_id, client.organization)
        settings = self.sandbox.settings
        _, media_types = request_body_of(operation)
        # An upload's form, None when nothing was sent (its bytes stay in the spool).
        form: dict[str, Any] | None = None
        sent_body = b""
        if any(m.startswith("multipart/") for m in media_types):
            limit, idle = settings.max_multipart_body_bytes, settings.body_idle_seconds
            async with spooled_body(request, limit, pending, idle) as spool:
                if pending is not None:
                    pending.check()
                if spool.read(1):
                    check_media_type(request.headers, media_types)
                    spool.seek(0)
                    form = await read_form(request, spool)
        else:
            limit, idle = settings.max_json_body_bytes, settings.body_idle_seconds
            sent_body = await read_capped(request, limit, pending, idle)
            if pending is not None:
                pending.check()
            if sent_body and media_types:
                check_media_type(request.headers, media_types)
        args = (operation, path_values, request, caller, sent_body, form)
        readers, loop_writes = self.sandbox.readers, self.sandbox.loop_writes
        if readers is not None and operation.operation_id in READ_ONLY:
            # On the event loop: a read-only SQLite transaction never waits for a lock, and
            # handing it to a thread costs more than answering it.
            reply = self._run(readers.begin, self._checked(*args))
        elif loop_writes is not None and form is None and len(sent_body) <= LOOP_WRITE_BODY_BYTES:
            # On the event loop too, once the write lock is this request's (`loop_writes`).
            checked = self._checked(*args)
            transaction = await loop_writes.begin()
            reply = self._run(lambda: transaction, checked)
        else:
            reply = await anyio.to_thread.run_sync(self._write, partial(self._checked, *args))
        if operation.batch and reply.status < 300:
            self.sandbox.batch_accepted()  # committed
        if reply.body is None:
            return Response(status_code=reply.status)
        return JSONResponse(reply.body, status_code=reply.status)

    async def _known_client(self, key_id: str) -> KnownClient | None:
        readers = self.sandbox.readers
        if readers is not None:
            # A read-only SQLite transaction on the event loop, as for the reads below.
            with readers.begin() as conn:
                return known_client(conn, key_id)
        return await anyio.to_thread.run_sync(self._known_client_in_thread, key_id)

    def _known_client_in_thread(self, key_id: str) -> KnownClient | None:
        with self.sandbox.engine.connect() as conn:
            return known_client(conn, key_id)

    def _write(self, check: Callable[[], _CheckedRequest]) -> Reply:
        """A request that may write, on a worker thread: checked first (`check`), then run in a
        write transaction (again, on PostgreSQL, when a concurrent one made it conflict)."""
        checked = check()
        return retrying_conflicts(partial(self._run, self.sandbox.engine.begin, checked))

    def _checked(
        self,
        operation: OperationSpec,
        path_values: dict[str, str],
        request: Request,
        caller: Caller,
        body: bytes,
        form: dict[str, Any] | None,
    ) -> _CheckedRequest:
        """The request's parameters and body checked against the spec, before any transaction:
        parsing a 1000-entry batch must not hold SQLite's single write lock."""
        path_params, query = validate_parameters(
            operation, path_values, list(request.query_params.multi_items())
        )
        return _CheckedRequest(
            operation=operation,
            caller=caller,
            path_params=path_params,
            query=query,
            body=_parse_body(operation, body, form),
            raw_body=body,
            form=form or {},
        )

    def _run(
        self,
        transaction: Callable[[], AbstractContextManager[Connection]],
        request: _CheckedRequest,
    ) -> Reply:
        with transaction() as conn:
            # Each request sets its own (a held read connection serves many in turn).
            organizations.set_scope(conn, request.caller.organization)
            ctx = RequestContext(
                sandbox=self.sandbox,
                conn=conn,
                operation=request.operation,
                # Copies: a handler may change its own, and a conflict runs it again.
                path_params=dict(request.path_params),
                client_key_id=request.caller.key_id,
                query=dict(request.query),
                body=request.body,
                raw_body=request.raw_body,
                form=request.form,
            )
            handler = HANDLERS.get(request.operation.operation_id)
            if handler is None:
                raise ApiError(
                    500,
                    "EV_INTERNAL_SERVER_ERROR",
                    f"{request.operation.operation_id} is not implemented",
                )
            return handler(ctx)


@dataclass(frozen=True)
class _CheckedRequest:
    """A request whose parameters and body passed the spec's checks, ready for its handler."""

    operation: OperationSpec
    caller: Caller
    path_params: dict[str, str]
    query: dict[str, Any]
    body: Any
    raw_body: bytes
    form: Mapping[str, Any]


def _parse_body(operation: OperationSpec, body: bytes, form: dict[str, Any] | None) -> Any:
    required, media_types = request_body_of(operation)
    if not media_types:
        return None
    if form is None and not body.strip():
        if required:
            raise malformed("a request body is required")
        return None
    for media_type, model in media_types.items():
        if model is None:
            continue
        if media_type.startswith("multipart/"):
            return validate_python(model, form or {})
        return parse_json_into(model, body)
    return None
