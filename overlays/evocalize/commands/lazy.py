"""Subcommands mounted lazily: the sandbox and the fuzzer stay out of the command line's imports.

`evocalize --help` lists `sandbox` and `fuzz` from the short help given here; their modules are
imported only when one of them runs (or shows its own help), after `extras.require_extra` has
checked that their extra is installed. So `import evocalize.cli` imports neither the sandbox nor
schemathesis, and with only `evocalize[cli]` installed these commands say which extra to add.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

import typer
import typer.core
import typer.main

# typer 0.27 vendors click and re-exports only some of its classes.
from typer._click import core as click_core

from .extras import require_extra
from .failures import OneLineErrors


@dataclass(frozen=True)
class LazySubcommand:
    """A subcommand found at `target` ("module:attribute", a Typer app or a command function)."""

    name: str
    target: str
    extra: str
    help: str


class _Placeholder(typer.core.TyperCommand):
    """Stands in for a lazy subcommand in the root group: its help comes from the table, and
    running it loads the real command, which then parses the arguments and runs."""

    def __init__(self, lazy: LazySubcommand) -> None:
        super().__init__(lazy.name, help=lazy.help, add_help_option=False)
        self.lazy = lazy

    def load(self) -> click_core.Command:
        require_extra(f"evocalize {self.lazy.name}", self.lazy.extra)
        module, _, attribute = self.lazy.target.partition(":")
        found = getattr(importlib.import_module(module), attribute)
        if isinstance(found, typer.Typer):
            # A sub-app: its help, as `evocalize sandbox --help` shows it, is the one listed.
            command = typer.main.get_command(found)
            command.help = self.lazy.help
            return command
        # A command function: its own docstring is its help.
        single = typer.Typer(add_completion=False)
        single.command(self.lazy.name)(found)
        return typer.main.get_command(single)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click_core.Context | None = None,
        **extra: Any,
    ) -> click_core.Context:
        return self.load().make_context(info_name, args, parent=parent, **extra)


class LazyGroup(OneLineErrors):
    """The root group: the commands typer mounted, then `LAZY_SUBCOMMANDS` as placeholders."""

    LAZY_SUBCOMMANDS: tuple[LazySubcommand, ...] = ()

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        for lazy in self.LAZY_SUBCOMMANDS:
            self.add_command(_Placeholder(lazy))


def lazy_group(*subcommands: LazySubcommand) -> type[LazyGroup]:
    """A root group class that mounts `subcommands` lazily (typer's `cls=`)."""
    return type("LazyRootGroup", (LazyGroup,), {"LAZY_SUBCOMMANDS": subcommands})
