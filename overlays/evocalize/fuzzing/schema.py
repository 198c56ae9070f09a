"""The spec as a schemathesis schema aimed at one implementation, with Evocalize's signing.

This is also the pytest entry point for partners: build the schema once in a test module and
let schemathesis parametrise a test over every operation:

    from evocalize.fuzzing import fuzz_schema

    schema = fuzz_schema(app=my_asgi_app, key_id="partner", secret="...")

    @schema.parametrize()
    def test_my_implementation(case):
        case.call_and_validate()
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import schemathesis
import yaml
from a2wsgi import WSGIMiddleware
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.schemas import OpenApiSchema
from schemathesis.transport import is_asgi_app

# Registers our own checks with schemathesis, so that "all" includes them.
import evocalize.fuzzing.checks  # noqa: F401
from evocalize.fuzzing.known_values import KnownValues, encode_path_separators
from evocalize.fuzzing.requests_auth import RequestsKeyAuth
from evocalize.spec import load_spec


def fuzz_schema(
    *,
    key_id: str,
    secret: str,
    app: Any = None,
    url: str | None = None,
    auth: str = "signature",
    spec: Path | dict[str, Any] | None = None,
    config: SchemathesisConfig | None = None,
    known_values: KnownValues | None = None,
) -> OpenApiSchema:
    """The schema of `spec` (default: the packaged openapi.yaml) aimed at `app` (ASGI or WSGI,
    in process) or `url` (over HTTP), every request signed with `key_id` and `secret`.

    WSGI gives an app its path decoded (`PATH_INFO`): an app that checks signatures over the
    path as sent needs the raw URI its server provides, or is better fuzzed over HTTP.

    Schemathesis expects every schema-valid request accepted, but the state decides whether
    a user or group a request names exists. `known_values` (by default those an app publishes
    as `app.state.fuzz_known_values`, as the embedded sandbox does) make positive cases name
    what exists; against a server of your own, put its known ids in a `schemathesis.toml`
    (`[parameters]` bound to `[dictionaries]`), which the configuration reads."""
    if (app is None) == (url is None):
        raise ValueError("give exactly one target: app= (ASGI or WSGI) or url=")
    if url is not None and not url.startswith(("http://", "https://")):
        raise ValueError(f"url must start with http:// or https://, not {url!r}")
    config = config or SchemathesisConfig()
    # Page tokens are not secrets, and a `curl` line with `pageToken=[Filtered]` reproduces
    # nothing: "token" is dropped from the markers that mask values. Keys, secrets and
    # authorization headers stay masked.
    sanitization = config.output.sanitization
    sanitization.sensitive_markers = tuple(
        marker for marker in sanitization.sensitive_markers if marker != "token"
    )
    if url is not None:
        config.projects.override.update(base_url=url.rstrip("/"))
    schema = schemathesis.openapi.from_dict(_spec_document(spec), config=config)
    if app is not None:
        # Schemathesis's WSGI transport does not apply a `requests` auth object; its ASGI
        # transport does, so a WSGI app is served through an ASGI adapter.
        schema.app = app if is_asgi_app(app) else WSGIMiddleware(app)
    schema.auth.set_from_requests(RequestsKeyAuth(key_id, secret, auth))
    if known_values is None and app is not None:
        known_values = getattr(getattr(app, "state", None), "fuzz_known_values", None)
    if known_values is not None:
        known_values.install(schema)
    encode_path_separators(schema)
    return schema


def _spec_document(spec: Path | dict[str, Any] | None) -> dict[str, Any]:
    if spec is None:
        # load_spec's document is shared; schemathesis may annotate what it is given.
        return copy.deepcopy(dict(load_spec()))
    if isinstance(spec, dict):
        return spec
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    if not isinstance(document, dict):
        raise ValueError(f"{spec} is not an OpenAPI document")
    return document
