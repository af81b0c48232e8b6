"""Fixtures for the window tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from scpdesk.paths import AppPaths


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    """Private data, log and settings folders: never the user's real profile."""
    return AppPaths(data_dir=tmp_path / "data", log_dir=tmp_path / "logs", config_dir=tmp_path / "config").ensure()
