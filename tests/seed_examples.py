"""The JSON examples of the Evocalize API documentation, as values.

The reference's examples are this project's test vectors, but its text is not strict JSON:
it has `// comments`, `...` placeholder lines and the trailing commas these leave behind. This
module finds every block that starts with a line holding only `{` or `[` and parses it after
cleaning, and fails loudly on a block it cannot read, so that no example is dropped silently.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

# The API reference's text, kept in the repository as test vectors (tests/vectors/README.md).
SEED_PATH = Path(__file__).resolve().parent / "vectors" / "evocalize_api_reference.txt"

_OPENERS = ("{", "[")
# A JSON string (kept as is) or a comma before a closing bracket (dropped).
_STRING_OR_TRAILING_COMMA = re.compile(r'"(?:[^"\\]|\\.)*"|,(\s*[}\]])')


@dataclass(frozen=True)
class SeedExample:
    title: str
    line: int
    value: object


def _strip_comment(line: str) -> tuple[str, int]:
    """Drops a `//` comment that stands outside a JSON string (URLs inside strings stay), and
    says by how much the line changes the bracket depth."""
    in_string = escaped = False
    depth = 0
    for index, char in enumerate(line):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif line.startswith("//", index):
            return line[:index], depth
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
    return line, depth


def _clean(lines: list[str]) -> str:
    kept = []
    for line in lines:
        line = _strip_comment(line)[0].rstrip()
        if line.strip() in ("...", ""):
            continue
        kept.append(line)
    return _STRING_OR_TRAILING_COMMA.sub(
        lambda match: match[0] if match[1] is None else match[1], "\n".join(kept)
    )


def seed_json_examples(path: Path = SEED_PATH) -> list[SeedExample]:
    lines = path.read_text(encoding="utf-8").splitlines()
    examples = []
    index = 0
    while index < len(lines):
        opener = lines[index].strip()
        if opener not in _OPENERS:
            index += 1
            continue
        end, depth = index, 0
        while True:
            depth += _strip_comment(lines[end])[1]
            if depth == 0:
                break
            end += 1
            if end == len(lines):
                raise ValueError(f"{path.name}:{index + 1}: a JSON block is never closed")
        title = next(  # the heading above the block, past any `//` comment lines
            (
                lines[i].strip()
                for i in range(index - 1, -1, -1)
                if lines[i].strip() and not lines[i].lstrip().startswith("//")
            ),
            "",
        )
        text = _clean(lines[index : end + 1])
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path.name}:{index + 1}: {title!r} is not JSON: {error}") from error
        examples.append(SeedExample(title, index + 1, value))
        index = end + 1
    return examples
