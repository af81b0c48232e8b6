"""CI proves the build: packaging/build.py builds the frozen one-folder app once (PyInstaller on
packaging/scpdesk.spec, trimmed as shipped), and the frozen program itself runs the smoke test on a new SQLite
file and on a new database of the PostgreSQL server the test session starts, and offers every command the source
tree has. A file the app loads at run time missing from the build makes these fail."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from pgserver import PostgresServer

ROOT = Path(__file__).resolve().parents[2]


def _load_build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("scpdesk_packaging_build", ROOT / "packaging" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


build = _load_build_module()


@pytest.fixture(scope="module")
def frozen_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The trimmed one-folder build, made once for this module (~30-60 s)."""
    where = tmp_path_factory.mktemp("frozen")
    built = build.build(where / "dist", where / "work", quiet=True)
    shutil.rmtree(where / "work", ignore_errors=True)  # PyInstaller's intermediate files: not needed to run
    print(f"frozen build: {built.seconds:.0f} s, {built.size_mb:.0f} MB")
    return built.app_dir


def _run_steps(app_dir: Path, database_url: str | None) -> str:
    shown = []
    for step in build.smoke_steps(database_url):
        done = build.run_frozen(app_dir, *step)
        output = done.stdout + done.stderr
        assert done.returncode == 0, f"frozen `scpdesk {' '.join(step)}` exited {done.returncode}:\n{output}"
        shown.append(output)
    return "\n".join(shown)


def test_the_frozen_app_passes_its_smoke_test_on_sqlite(frozen_app: Path) -> None:
    output = _run_steps(frozen_app, None)
    assert "Local file: " in output


@pytest.fixture
def fresh_pg_url(pg_server: PostgresServer) -> Iterator[str]:
    """A new, empty database (no template: the frozen app's own migrations create the schema)."""
    name = "scpdesk_frozen_smoke"
    pg_server.drop_database(name)
    yield pg_server.create_database(name)
    pg_server.drop_database(name)


@pytest.mark.postgres
def test_the_frozen_app_passes_its_smoke_test_on_postgresql(frozen_app: Path, fresh_pg_url: str) -> None:
    output = _run_steps(frozen_app, fresh_pg_url)
    assert "Shared server: 127.0.0.1" in output  # it used the server, not a local file


def test_the_frozen_app_offers_every_command_of_the_source_tree(frozen_app: Path) -> None:
    """The commands are found at run time (pkgutil over scpdesk/commands): the frozen --help lists the same
    ones, and a found command runs."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("SCPDESK_")}
    env["COLUMNS"] = "100"
    source = subprocess.run([sys.executable, "-m", "scpdesk", "--help"], env=env, text=True,
                            capture_output=True, check=True).stdout
    frozen = build.run_frozen(frozen_app, "--help")
    assert frozen.returncode == 0, frozen.stderr
    assert frozen.stdout == source
    report = build.run_frozen(frozen_app, "report", "annual", "--help")
    assert report.returncode == 0, report.stderr
    assert "--pdf FILE" in report.stdout


def test_a_portable_file_beside_the_frozen_app_keeps_its_data_beside_it(frozen_app: Path) -> None:
    """The portable mode (laptops without install rights): with a file named ``portable`` beside the program and
    no data folder set, the database is made in <program folder>/data."""
    marker, data = frozen_app / "portable", frozen_app / "data"
    marker.touch()
    try:
        done = build.run_frozen(frozen_app, "db", "upgrade", set_home=False)
        assert done.returncode == 0, done.stdout + done.stderr
        assert (data / "scpdesk.sqlite3").is_file()
        assert str(data) in done.stdout
    finally:
        marker.unlink()
        shutil.rmtree(data, ignore_errors=True)
