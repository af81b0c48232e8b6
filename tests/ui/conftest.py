"""Fixtures for the window tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from uihelpers import Answers

from scpdesk.paths import AppPaths
from scpdesk.ui.forms import FormDialog


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    """Private data, log and settings folders: never the user's real profile."""
    return AppPaths(data_dir=tmp_path / "data", log_dir=tmp_path / "logs", config_dir=tmp_path / "config").ensure()


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    """Each FormDialog that opens takes the next filler, which types into it; then Save is pressed. A dialog
    whose save fails is kept in ``answers.failed`` with its error, as the user would see it."""
    queue = Answers()

    def fake_exec(self: FormDialog) -> int:
        queue.pop(0)(self)
        self.try_submit()
        if self.result() == QDialog.DialogCode.Accepted:
            return QDialog.DialogCode.Accepted
        queue.failed.append(self)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(FormDialog, "exec", fake_exec)
    return queue
