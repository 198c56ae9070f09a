"""The Node tools that package.json pins (Spectral for linting the spec, Prism's mock server and
autocannon for the throughput benchmark), installed from package-lock.json with `npm ci` on
first use, so a clean clone needs nothing but node and npm."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class NodeToolsMissing(RuntimeError):
    """node or npm is not installed: no Node tool can run here."""


def node_tool(name: str) -> Path:
    """The executable `name` in node_modules/.bin, installing node_modules first when it is not
    there (a node_modules/ from an older package-lock.json lacks the newer tools)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise NodeToolsMissing(
            f"node and npm are not installed: {name}, a Node tool, cannot run here"
        )
    tool = ROOT / "node_modules" / ".bin" / name
    if not tool.exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=ROOT,
            check=True,
            timeout=600,
        )
    if not tool.exists():
        raise NodeToolsMissing(f"npm ci installed no {name}: is it in package.json?")
    return tool
