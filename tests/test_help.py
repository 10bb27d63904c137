"""Every command explains itself: ``--help`` prints a description and at least one example to copy."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from frontlines.cli import app


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):  # a group of subcommands
            found += _commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


COMMANDS = _commands(typer.main.get_command(app))


def test_the_cli_has_its_commands() -> None:
    assert {("extract",), ("map",), ("gazetteer", "validate")} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_has_a_description_and_an_example(command: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    description = text.split(" Usage: ", 1)[-1].split(" ", 1)[-1]
    assert re.search(r"\[OPTIONS\].*?\b[A-Z][a-z]+ \w+", description), f"no description: {text[:200]}"
    assert re.search(rf"Example: frontlines {' '.join(command)}\b", text), (
        f"{' '.join(command)}: no 'Example:' line"
    )
