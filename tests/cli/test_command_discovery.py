"""The command modules are found by listing scpdesk/commands (pkgutil), in the source tree as in the frozen app:
a module dropped in the folder is a command without being named anywhere else, and none can be missed."""

from __future__ import annotations

from pathlib import Path

import scpdesk.commands
from scpdesk.cli import build_parser
from scpdesk.commands import extensions

COMMANDS_DIR = Path(scpdesk.commands.__file__).parent


def test_every_module_in_the_commands_folder_is_found() -> None:
    in_folder = {path.stem for path in COMMANDS_DIR.glob("*.py") if path.stem != "__init__"}
    found = {module.__name__.rpartition(".")[2] for module in extensions()}
    assert in_folder, "no command modules found in the folder at all"
    assert found == in_folder


def test_every_found_module_adds_its_commands_to_the_command_line() -> None:
    for module in extensions():
        assert callable(module.add_parsers), module.__name__
        assert callable(module.run), module.__name__
    help_text = build_parser().format_help()
    for command in ("report", "meetings", "meeting-pack", "learning-summary", "reviews", "settings"):
        assert command in help_text
