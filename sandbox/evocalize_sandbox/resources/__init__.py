"""The API's resources, one module per area; every module here is imported automatically.

How to add operations (the contract between the core and resource modules)
----------------------------------------------------------------------------
A module `resources/<name>.py`:

- defines its tables on the shared `evocalize_sandbox.storage.metadata` (created at start-up;
  prefix nothing, but do not reuse a table name of another module), each with an
  `organizations.organization_column()` when its rows belong to an organization: every
  statement on it is then scoped to the caller's organization without a word in the query
  (an outer join to it takes `organizations.same_organization` as its ON clause; a
  subquery must not read it);
- answers operations with `@handles("<operationId>")` on a function `(ctx: RequestContext) ->
  Reply`. Before it is called the request is authenticated and validated against the spec:
  `ctx.path_params` (dict of str), `ctx.query` (declared query parameters, converted; a JSON
  `content` parameter such as `filterByGrantee` arrives as its generated model),
  `ctx.body` / `ctx.body_as(Model)` (the body as the generated pydantic model of the
  operation's requestBody; a multipart body is validated too, files as bytes, and
  `ctx.form` holds the raw form), `ctx.raw_body`, `ctx.client_key_id`, `ctx.organization`;
- works in `ctx.conn`, a SQLAlchemy Core connection inside one transaction that commits when
  the handler returns and rolls back when it raises;
- reads the time from `ctx.now()` (Unix seconds, replaceable in tests), makes ids with
  `ctx.new_id()`;
- fails with `raise ApiError(status, "EV_...", message, field=None)` (helpers in `errors.py`:
  `not_found`, `invalid_field`, `malformed`, `unknown_identity`);
- answers with `ok(data, status=200)` (wraps `{"data": ...}`), `Reply(status)` for no body,
  `dump(model)` to render a generated model, `ctx.page_of(ordered_select, render, shape=list)`
  for a paged listing (100 a page, signed `pageToken`s bound to the operation and its
  parameters; `shape` wraps the items when `data` is not a bare array), or the lower level
  `ctx.page_window()` + `ctx.page(rows, window, shape)`;
- accepts a batch with `return ctx.enqueue_batch(entries)` (entries as JSON values: the
  entries are stored before the 202 `{"data": {"reportId": ...}}`) and applies each entry in
  the background with `@applies_entry("<operationId>")` on `(ctx: EntryContext, entry) ->
  None`; raising `ApiError` there records the entry as failed (its writes roll back) and the
  report lists it with the message and code;
- loads data the API cannot create from the seed file with `@seeds("<section>")` on
  `(conn, value) -> None` (idempotent: it runs again on each start with `--seed`).

Example (a module answering the group operations, were `groups.py` not doing so already)::

    from typing import Any

    import sqlalchemy as sa
    from evocalize_models import GroupBatch, GroupInput

    from ..context import EntryContext, Reply, RequestContext, dump, ok
    from ..organizations import organization_column
    from ..registry import applies_entry, handles
    from ..storage import metadata
    from ..validation import validate_python

    notes = sa.Table(
        "notes", metadata, organization_column(), sa.Column("id", sa.String(255), primary_key=True)
    )

    @handles("createOrUpdateGroup")
    def create_note(ctx: RequestContext) -> Reply:
        note = ctx.body_as(GroupInput)
        ctx.conn.execute(sa.insert(notes).values(id=note.id))
        return ok({"id": note.id, "name": note.name}, status=201)

    @handles("createOrUpdateGroupBatch")
    def create_notes(ctx: RequestContext) -> Reply:
        return ctx.enqueue_batch([dump(entry) for entry in ctx.body_as(GroupBatch).root])

    @applies_entry("createOrUpdateGroupBatch")
    def apply_note(ctx: EntryContext, entry: Any) -> None:
        note = validate_python(GroupInput, entry)
        ctx.conn.execute(sa.insert(notes).values(id=note.id))

Extra routes that are not API operations (such as the leads simulator's) may be inserted
ahead of the dispatcher with `app.router.routes.insert(0, route)`: every request no route
claims goes to the spec-derived dispatcher (`app.router.default`).
"""
