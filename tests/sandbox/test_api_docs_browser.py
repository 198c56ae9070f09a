"""The sandbox's API reference in a real headless browser: Debian's chromium, driven by
playwright (the system's browser, never one playwright downloads). The page renders every
operation and webhook of the spec, logs no console error, loads nothing from outside the
sandbox, and "Try it out" calls the sandbox itself. A screenshot of the page is kept as a test
artefact, at the path the test prints.

Without chromium (or playwright) the tests skip, saying so; in CI (`CI` set), where .ci/run
installs chromium, they fail instead, so that the browser check cannot silently vanish.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from openapi_doc import HTTP_METHODS, load_spec, operations
from sandbox_support import KEY_ID, SECRET
from served_sandbox import served_sandbox

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM_ENV = "EVOCALIZE_TEST_CHROMIUM"
CHROMIUM_NAMES = ("chromium", "chromium-browser")


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser tests (.ci/run installs chromium)")
    pytest.skip(reason)


def _chromium() -> str:
    """The chromium to drive: $EVOCALIZE_TEST_CHROMIUM, else Debian's on PATH."""
    found = os.environ.get(CHROMIUM_ENV) or next(
        (path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None
    )
    if not found:
        _missing(
            "chromium is not installed (apt-get install chromium, "
            f"or name a chromium binary in ${CHROMIUM_ENV})"
        )
    return str(found)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[test]' -c constraints.txt)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable)
        yield launched
        launched.close()


@pytest.fixture
def sandbox_url(tmp_path: Path) -> Iterator[str]:
    with served_sandbox(tmp_path / "sandbox.db", {KEY_ID: SECRET}) as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    opened = browser.new_page(viewport={"width": 1280, "height": 900})
    yield opened
    opened.close()


def _webhook_ids() -> set[str]:
    return {
        str(item[method]["operationId"])
        for item in load_spec().get("webhooks", {}).values()
        for method in HTTP_METHODS
        if method in item
    }


def _shown_operation_ids(page: Page, block: str) -> list[str]:
    return page.locator(f"{block} .opblock-summary-operation-id").all_inner_texts()


def test_the_reference_renders_every_operation_and_webhook_without_console_errors(
    page: Page, sandbox_url: str, tmp_path: Path
) -> None:
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(f"{sandbox_url}/docs")
    page.wait_for_selector(".opblock")
    page.wait_for_load_state("networkidle")

    expected_operations = {operation.id for operation in operations()}
    expected_webhooks = _webhook_ids()
    shown = _shown_operation_ids(page, ".opblock")
    shown_webhooks = _shown_operation_ids(page, ".opblock[id^='operations-webhooks-']")
    assert sorted(shown) == sorted(expected_operations | expected_webhooks)
    assert set(shown_webhooks) == expected_webhooks
    title = page.locator(".info .title").inner_text()
    assert load_spec()["info"]["title"] in title
    assert page.locator(".servers select").input_value() == sandbox_url
    assert not problems
    offsite = [url for url in requested if not url.startswith(f"{sandbox_url}/docs")]
    assert not offsite, f"the page fetched from outside the sandbox: {offsite}"

    screenshot = tmp_path / "api-reference.png"
    page.screenshot(path=screenshot, full_page=True)
    assert screenshot.stat().st_size > 0
    print(f"screenshot of the API reference: {screenshot}")


def test_try_it_out_calls_the_sandbox_with_the_shared_secret(page: Page, sandbox_url: str) -> None:
    page.goto(f"{sandbox_url}/docs")
    page.wait_for_selector(".opblock")
    page.click("button.authorize")
    for scheme, value in (("clientKeyId", KEY_ID), ("clientKey", SECRET)):
        form = page.locator(".auth-container").filter(
            has=page.locator("h4", has_text=re.compile(rf"^{scheme}\W"))
        )
        form.locator("input").fill(value)
        form.locator("button.authorize").click()
    page.click("button.btn-done")

    operation = page.locator("#operations-Content-listRepositories")
    operation.locator(".opblock-summary-control").click()
    operation.locator("button.try-out__btn").click()
    operation.locator("button.execute").click()
    answer = operation.locator(".live-responses-table tr.response")
    assert answer.locator(".response-col_status").inner_text() == "200"
    # The seed's repositories, as the sandbox answers them to a partner's client.
    assert '"id": "listings"' in answer.locator(".response-col_description").inner_text()
