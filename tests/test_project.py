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


def test_the_package_type_checks() -> None:
    """mypy over scpdesk/ ([tool.mypy] in pyproject.toml) finds nothing: a gate like ruff and the contracts."""
    done = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "Success: no issues found" in done.stdout


def test_layer_contracts_hold() -> None:
    done = subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "9 kept, 0 broken" in done.stdout


def test_layer_contracts_fail_on_what_they_forbid(tmp_path: Path) -> None:
    """A copy of the package with one violation per contract: each contract must be broken by its violation."""
    shutil.copytree(ROOT / "scpdesk", tmp_path / "scpdesk", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    violations = {
        "ui/_bad_entity.py": "from ..models.referrals import Referral\n",  # an ORM entity in a widget module
        "ui/_bad_cli.py": "from .. import cli\n",  # the UI reaching up to the command line
        "commands/_bad_qt.py": "import PySide6\n",  # Qt in a command module
        "services/_bad_ui.py": "from ..ui import widgets\n",  # a service importing the UI
        "keys.py": (ROOT / "scpdesk" / "keys.py").read_text(encoding="utf-8") + "\nimport PySide6.QtCore\n",
        # The settings store reaching up to the clocks (which read it), even lazily inside a function: a cycle.
        "services/settings.py": (ROOT / "scpdesk" / "services" / "settings.py").read_text(encoding="utf-8")
        + "\n\ndef _bad() -> None:\n    from .clocks import rag  # noqa: F401\n",
        # What the settings are reaching up to the clocks (which read them): a cycle.
        "services/settings_values.py": (ROOT / "scpdesk" / "services" / "settings_values.py").read_text(
            encoding="utf-8") + "\n\ndef _bad() -> None:\n    from .clocks import rag  # noqa: F401\n",
        # The first rows of a start bringing in the database layer, even lazily through another service.
        "services/referrals/headline.py": (ROOT / "scpdesk" / "services" / "referrals" / "headline.py").read_text(
            encoding="utf-8")
        + "\n\ndef _bad() -> None:\n    from . import next_due  # noqa: F401\n",
    }
    for name, body in violations.items():
        (tmp_path / "scpdesk" / name).write_text(body, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    done = subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=tmp_path, capture_output=True, text=True,
                          check=False, env=env)
    assert done.returncode != 0
    for contract, culprit in (("Layers: ui -> services -> models/reports", "scpdesk.ui._bad_cli"),
                              ("Layers: ui -> services -> models/reports", "scpdesk.services._bad_ui"),
                              ("Qt only in the UI", "scpdesk.commands._bad_qt"),
                              ("Qt only in the UI", "scpdesk.keys"),
                              ("The UI takes from the model layer only", "scpdesk.ui._bad_entity"),
                              ("No cycles are allowed in scpdesk.services", ".settings_values -> .clocks"),
                              ("The first rows of a start are read without the database layer",
                               "scpdesk.services.referrals.headline -> scpdesk.services.referrals.next_due"),
                              ("The settings store is a leaf", "scpdesk.services.settings -> scpdesk.services.clocks")):
        assert f"{contract}" in done.stdout and culprit in done.stdout, (contract, culprit, done.stdout[-3000:])
    assert "0 broken" not in done.stdout
    for contract in ("The services import each other without cycles", "The settings store is a leaf"):
        assert re.search(rf"^{contract}.* BROKEN( \(\d+ ignored imports?\))?$", done.stdout, re.MULTILINE), contract


def test_the_ui_contract_names_every_model_module_but_the_pure_ones() -> None:
    import pkgutil
    import tomllib

    import scpdesk.models

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    ui = next(c for c in contracts["contracts"] if c["name"].startswith("The UI takes from the model layer"))
    modules = {f"scpdesk.models.{m.name}" for m in pkgutil.iter_modules(scpdesk.models.__path__)}
    assert set(ui["forbidden_modules"]) == modules - {"scpdesk.models.enums", "scpdesk.models.timeframes",
                                                      "scpdesk.models.words"}


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
            "heavy = [m for m in ('sqlalchemy', 'reportlab', 'typst', 'PySide6', 'openpyxl') if m in sys.modules]; "
            "print(heavy); sys.exit(1 if heavy else 0)")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_file_keeps_a_merge_conflict_marker() -> None:
    """A merge resolved by hand never ships its markers (README.md once did)."""
    marker = re.compile(r"^(<{7} |>{7} |={7}$)", re.MULTILINE)
    found = []
    for folder in ("scpdesk", "tests", "docs", "packaging", "bench", "resources"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".py", ".md", ".toml", ".ts", ".typ", ".txt", ".files", ".spec", ".iss", ".cfg"}:
                if marker.search(path.read_text(encoding="utf-8", errors="replace")):
                    found.append(str(path.relative_to(ROOT)))
    found += [name for name in ("README.md", "pyproject.toml")
              if marker.search((ROOT / name).read_text(encoding="utf-8"))]
    assert not found, f"merge conflict markers in {found}"
