"""Every code block of README.md runs, so the README cannot rot.

Conventions (README.md, "How this README is tested", says the same for readers):
- `sh` and `python` blocks run; `text` blocks (the diagram) are not code.
- `<!-- block:NAME -->` before a block names it: the test's id, for `-k NAME`. A block without
  a name is called after its section (`the-sandbox-2` for the second of "## The sandbox").
- `<!-- block:NAME background -->`: a server. The module's fixture starts every such block
  before the others and stops it after them (its process group, by id), having waited until it
  accepts connections on the port it names.
- `<!-- block:NAME checkout -->`: runs in a scratch copy of the repository (the regeneration
  commands rewrite `generated/`; the checkout under test is never touched).
- `<!-- block:NAME quick -->`: the benchmarks, a long job: runs in the checkout under test
  without its `pip install` part, with `--quick` (every benchmark at small sizes) and its
  results written to a scratch folder (`--out`).
- The two set-up commands (`<!-- setup:install -->`, `<!-- setup:test -->`) are checked by
  tests/test_readme.py and CI; here the install command runs without its `pip install` part
  (the suite runs on the installed package and never installs), and the test command, which is
  this suite, does not run.
- Everything else runs in README order in one scratch directory, as in one terminal: the
  `export` lines of every `sh` block before a block carry over to it, ports 8080 and 9000 become
  free ones, and `evocalize` and `python` are those of the running interpreter's environment.
- A command the `evocalize` console script does not know fails the block, as it would for a
  reader.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from served_sandbox import free_port, subprocess_env

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
RUNNABLE = ("sh", "python")
PORTS = ("8080", "9000")
# What a scratch checkout needs to regenerate: the specs, the generators' settings, what they
# made, and the sandbox's API reference with the npm package it is built from.
CHECKOUT = (
    "openapi.yaml",
    "pyproject.toml",
    "scripts",
    "generated",
    "profiles",
    "package.json",
    "package-lock.json",
    "sandbox/evocalize_sandbox/api_reference",
)
BLOCK_TIMEOUT_SECONDS = 600

_BLOCK = re.compile(
    r"(?:<!-- (?P<kind>block|setup):(?P<name>[\w-]+)(?: (?P<mode>\w+))? -->\n)?"
    r"^```(?P<language>\w*)\n(?P<code>.*?)^```$",
    flags=re.DOTALL | re.MULTILINE,
)


@dataclass(frozen=True)
class Block:
    name: str
    language: str
    code: str
    mode: str  # run, background, checkout, quick, setup
    exports: str  # the export lines of the sh blocks before this one


def _slug(heading: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-") or "top"


def readme_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    exports: list[str] = []
    counts: dict[str, int] = {}
    for match in _BLOCK.finditer(text):
        headings = re.findall(r"^#+ (.+)$", text[: match.start()], flags=re.MULTILINE)
        section = _slug(headings[-1] if headings else "")
        counts[section] = counts.get(section, 0) + 1
        name = match["name"] or f"{section}-{counts[section]}"
        mode = "setup" if match["kind"] == "setup" else (match["mode"] or "run")
        code = match["code"]
        if match["kind"] == "setup":
            name = f"setup-{match['name']}"
        blocks.append(Block(name, match["language"], code, mode, "".join(exports)))
        if match["language"] == "sh":
            exports += [line + "\n" for line in code.splitlines() if line.startswith("export ")]
    return blocks


BLOCKS = readme_blocks(README.read_text(encoding="utf-8"))


def _install_commands(code: str) -> str:
    """The install command without its `pip install`: what it runs once installed."""
    return " && ".join(part.strip() for part in code.split("&&") if "pip install" not in part)


def _foreground() -> list[Block]:
    return [
        block
        for block in BLOCKS
        if block.language in RUNNABLE and block.mode != "background" and block.name != "setup-test"
    ]


@dataclass
class Terminal:
    directory: Path
    ports: dict[str, str]
    env: dict[str, str]

    def with_free_ports(self, text: str) -> str:
        for port, free in self.ports.items():
            text = re.sub(rf"\b{port}\b", free, text)
        return text

    def script(self, block: Block) -> str:
        code = _install_commands(block.code) if block.mode == "setup" else block.code
        return self.with_free_ports(block.exports + code)


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"a background block exited early:\n{log.read_text()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail(f"nothing listened on port {port}:\n{log.read_text()}")


@pytest.fixture(scope="module")
def terminal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Terminal]:
    directory = tmp_path_factory.mktemp("readme")
    env = subprocess_env()
    shell = Terminal(directory, {port: str(free_port()) for port in PORTS}, env)
    started: list[subprocess.Popen[bytes]] = []
    try:
        for block in BLOCKS:
            if block.mode != "background":
                continue
            script = shell.script(block)
            log = directory / f"{block.name}.log"
            with log.open("wb") as out:
                process = subprocess.Popen(
                    ["bash", "-c", script],
                    cwd=directory,
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            started.append(process)
            # The port the block itself names (its exports may name others).
            (port,) = [shell.ports[port] for port in PORTS if re.search(rf"\b{port}\b", block.code)]
            _wait_for_port(int(port), process, log)
        yield shell
    finally:
        for process in started:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def _scratch_checkout(target: Path) -> Path:
    for name in CHECKOUT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    # The checkout's Node packages, read only (an `npm ci` in every scratch copy would take a
    # minute); without them the regeneration installs its own.
    if (ROOT / "node_modules").is_dir():
        (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return target


def test_the_readme_has_runnable_blocks_with_distinct_names() -> None:
    names = [block.name for block in BLOCKS]
    assert len(names) == len(set(names))
    assert {block.language for block in BLOCKS} <= {*RUNNABLE, "text"}
    assert any(block.mode == "background" for block in BLOCKS)


@pytest.mark.parametrize("block", _foreground(), ids=lambda block: block.name)
def test_the_readme_block_runs(block: Block, terminal: Terminal, tmp_path: Path) -> None:
    cwd = _scratch_checkout(tmp_path) if block.mode == "checkout" else terminal.directory
    if block.mode == "quick":
        cwd = ROOT
        results = tmp_path / "results"
        command = ["bash", "-c", f"{_install_commands(block.code)} --quick --out {results}"]
        stdin = ""
    elif block.language == "python":
        command = ["bash", "-c", terminal.with_free_ports(f"{block.exports}exec python -")]
        stdin = terminal.with_free_ports(block.code)
    else:
        command = ["bash", "-euo", "pipefail", "-c", terminal.script(block)]
        stdin = ""
    done = subprocess.run(
        command,
        cwd=cwd,
        env=terminal.env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=BLOCK_TIMEOUT_SECONDS,
    )
    assert done.returncode == 0, f"{block.name} failed:\n{done.stdout}\n{done.stderr}"
    if block.mode == "quick":
        assert (results / "latest.md").read_text(encoding="utf-8").startswith("| Benchmark |")
