"""Batch reports: how far an accepted batch has got, and which entries failed and why (the API
reference, "Batch Report API"). The batches themselves are kept and applied by `batches.py`."""

from __future__ import annotations

import json
from typing import Any

from ..context import Reply, RequestContext, ok
from ..errors import not_found
from ..registry import handles


def _report_or_404(ctx: RequestContext) -> str:
    report_id = ctx.path_params["reportId"]
    if ctx.sandbox.batches.report(ctx.conn, report_id) is None:
        raise not_found("report", "reportId")
    return report_id


@handles("getBatchReport")
def get_batch_report(ctx: RequestContext) -> Reply:
    report = ctx.sandbox.batches.report(ctx.conn, ctx.path_params["reportId"])
    if report is None:
        raise not_found("report", "reportId")
    return ok(report.as_json())


def _render_error(row: Any) -> dict[str, Any]:
    rendered: dict[str, Any] = {"input": json.loads(row.input), "errorMessage": row.error_message}
    if row.error_code:
        rendered["restErrorCode"] = row.error_code
    return rendered


@handles("listBatchReportErrors")
def list_batch_report_errors(ctx: RequestContext) -> Reply:
    report_id = _report_or_404(ctx)
    return ctx.page_of(ctx.sandbox.batches.errors_query(report_id), _render_error)
