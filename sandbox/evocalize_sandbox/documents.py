"""Reading the sandbox's own files (seeds, fault plans): JSON or YAML, with what went wrong said
in the file's own terms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def read_document(path: Path, what: str, error: type[ValueError]) -> Any:
    """The JSON or YAML document in `path` (`what` names the file in messages, "the seed file");
    raises `error` when it cannot be read or parsed."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as failure:
        raise error(f"cannot read {what} {path}: {failure.strerror}") from None
    except yaml.YAMLError as failure:
        raise error(f"{what} {path} is neither JSON nor YAML: {failure}") from None
