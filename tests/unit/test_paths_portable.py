"""Portable mode: a ``portable`` file beside the frozen program keeps the data, logs and settings beside it (a
laptop without install rights); an explicit --data-dir or SCPDESK_HOME still decides."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from scpdesk.paths import app_paths, portable_marker


@pytest.fixture
def program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A frozen scpdesk unpacked in a folder, with no SCPDESK_HOME set."""
    folder = tmp_path / "scpdesk"
    folder.mkdir()
    exe = folder / "scpdesk.exe"
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.delenv("SCPDESK_HOME", raising=False)
    return folder


def test_the_marker_puts_data_logs_and_settings_beside_the_program(program: Path) -> None:
    (program / "portable").write_text("", encoding="utf-8")
    paths = app_paths()
    assert portable_marker() == (program / "portable").resolve()
    assert paths.portable
    root = program.resolve() / "data"
    assert (paths.data_dir, paths.log_dir, paths.config_dir) == (root, root / "logs", root / "config")
    assert paths.database == root / "scpdesk.sqlite3"
    assert "portable" in paths.describe() and str(root) in paths.describe()
    paths.ensure()
    if sys.platform != "win32":
        assert (root.stat().st_mode & 0o777) == 0o700  # private, as the profile folder is


def test_without_the_marker_the_profile_folder_is_used(program: Path) -> None:
    paths = app_paths()
    assert portable_marker() is None and not paths.portable
    assert program not in paths.data_dir.parents and "portable" not in paths.describe()


def test_a_folder_named_portable_is_not_the_marker(program: Path) -> None:
    (program / "portable").mkdir()
    assert portable_marker() is None and not app_paths().portable


def test_from_the_source_tree_a_marker_beside_python_means_nothing(program: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (program / "portable").write_text("", encoding="utf-8")
    monkeypatch.delattr(sys, "frozen")
    assert portable_marker() is None and not app_paths().portable


def test_scpdesk_home_and_data_dir_win_over_the_marker(program: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (program / "portable").write_text("", encoding="utf-8")
    chosen = tmp_path / "chosen-by-it"
    monkeypatch.setenv("SCPDESK_HOME", str(chosen))
    paths = app_paths()
    assert paths.data_dir == chosen.resolve() and not paths.portable
    given = tmp_path / "given"
    paths = app_paths(given)
    assert paths.data_dir == given.resolve() and not paths.portable
