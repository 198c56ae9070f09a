"""Builds the browsable API reference the sandbox serves at `/docs`: Swagger UI's prebuilt assets
from the npm package `swagger-ui-dist` (pinned in package.json / package-lock.json), our page
that starts them, and `openapi.yaml` as JSON, written into the sandbox package so that it ships
in the wheel and is served with no network at all.

`scripts/regenerate` calls `build` into a staging folder and compares or installs the result
like generated/, so a spec edit without a rebuild fails `scripts/regenerate --check`.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# Inside the sandbox package: hatchling ships every file of a listed package, and an editable
# install serves the same folder.
OUTPUT = ROOT / "sandbox" / "evocalize_sandbox" / "api_reference"
PACKAGE = "swagger-ui-dist"
DIST = ROOT / "node_modules" / PACKAGE
# What the page needs of the package, and its licence. The source maps (several MB) stay out,
# and so do the references to them, which a browser's developer tools would try to fetch.
ASSETS = ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE")
SOURCE_MAP_COMMENT = re.compile(rb"\n?/[/*]# sourceMappingURL=\S+(\s*\*/)?\s*$")
# Our page: the HTML and the script that start Swagger UI on the spec, aimed at the sandbox.
PAGE = ROOT / "scripts" / "api_reference_page"
SPEC_NAME = "openapi.json"


def pinned_version() -> str:
    """The version of swagger-ui-dist that package-lock.json pins."""
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    return str(lock["packages"][f"node_modules/{PACKAGE}"]["version"])


def installed_version() -> str | None:
    manifest = DIST / "package.json"
    if not manifest.exists():
        return None
    return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])


def ensure_assets() -> None:
    """node_modules holds the pinned swagger-ui-dist, after an `npm ci` when it does not (a
    fresh clone, or a node_modules from an older package-lock.json)."""
    if installed_version() == pinned_version():
        return
    if shutil.which("npm") is None:
        raise SystemExit(
            f"regenerate: the API reference is built from the npm package {PACKAGE}, "
            "and npm is not installed: install Node.js and npm"
        )
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=ROOT,
        check=True,
        timeout=600,
    )
    if installed_version() != pinned_version():
        raise SystemExit(f"regenerate: npm ci did not install {PACKAGE} {pinned_version()}")


def build(spec_path: Path, out: Path) -> None:
    """Writes the reference of the spec at `spec_path` into the empty folder `out`."""
    ensure_assets()
    out.mkdir(parents=True, exist_ok=True)
    for name in ASSETS:
        content = (DIST / name).read_bytes()
        if name.endswith((".js", ".css")):
            content = SOURCE_MAP_COMMENT.sub(b"\n", content)
        (out / name).write_bytes(content)
    for page_file in sorted(PAGE.iterdir()):
        shutil.copyfile(page_file, out / page_file.name)
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    # Compact (the page is what people read), key order kept as the spec writes it.
    text = json.dumps(spec, ensure_ascii=False, separators=(",", ":"))
    (out / SPEC_NAME).write_text(text + "\n", encoding="utf-8")
    (out / "README.md").write_text(
        f"Built by scripts/regenerate from openapi.yaml, {PACKAGE} {pinned_version()} and\n"
        "scripts/api_reference_page/. Never edit: `scripts/regenerate --check` fails on any\n"
        "difference.\n",
        encoding="utf-8",
    )
