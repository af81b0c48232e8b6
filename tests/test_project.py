"""Quality gates that run with the tests: ruff, the layer contracts, and the README's promises."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    return str(found) if found.exists() else (shutil.which(name) or name)


def test_ruff_finds_nothing() -> None:
    done = subprocess.run([_tool("ruff"), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_layer_contracts_hold() -> None:
    done = subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "5 kept, 0 broken" in done.stdout


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(python3 -m venv[^\n]+)\n```", text)


def test_readme_gives_the_run_and_test_commands_and_ci_runs_the_test_one() -> None:
    run, test = _readme_commands()
    assert run.endswith("pip install -e . && scpdesk --demo")
    assert test.endswith('pip install -e ".[test]" && pytest')
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test.split(" && ", 2)[-1] in ci.splitlines()
    assert "python3 -m venv .venv" in ci


def test_command_line_never_imports_qt() -> None:
    code = ("import sys, scpdesk.cli, scpdesk.services.deadlines, scpdesk.services.demo; "
            "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0


def test_building_the_command_line_imports_nothing_heavy() -> None:
    # The GUI starts through the same parser: the database layer and ReportLab load only when needed.
    code = ("import sys, scpdesk.cli; scpdesk.cli.build_parser(); "
            "heavy = [m for m in ('sqlalchemy', 'reportlab', 'PySide6', 'openpyxl') if m in sys.modules]; "
            "print(heavy); sys.exit(1 if heavy else 0)")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
