"""Issue 13, keys only: a chair plans a Rapid Review Panel without the mouse — Ctrl+3, a new meeting typed into
its form (Tab between fields, Space to tick a member, Ctrl+Enter to save), the waiting cases ticked onto the
agenda, and Ctrl+P builds the meeting pack (a real PDF holding those cases). Only the system's save dialog is
answered for the test; every step the test claims is a key press on whatever has the focus."""

from __future__ import annotations

from pathlib import Path

import pytest
from keyhelpers import CTRL, activate, in_dialog, press, tab_to
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QListWidget, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from scpdesk.ui.main_window import MainWindow


def _button(owner: QWidget, text: str) -> QPushButton:
    """A button by its words (whatever mnemonic it carries)."""
    return next(b for b in owner.findChildren(QPushButton) if b.text().replace("&", "") == text)


def test_a_chair_plans_a_panel_and_builds_its_pack_by_keyboard(qtbot: QtBot, demo_window: MainWindow,
                                                               tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    window = demo_window
    saved = tmp_path / "packs"
    saved.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda parent, title, start, filters: (str(saved / Path(start).name), filters)))
    panel = window.panel
    opened: list[Path] = []
    monkeypatch.setattr(panel.detail, "open_file", opened.append)
    activate(qtbot, window)

    # Ctrl+3: the Panel; Tab to "New meeting…"; Space opens its form.
    press(qtbot, window, (Qt.Key.Key_3, CTRL))
    assert window.tabs.currentWidget() is panel
    qtbot.waitUntil(lambda: panel.new_button.isEnabled())
    tab_to(qtbot, window, lambda w: w is panel.new_button)

    def new_meeting(form: QWidget) -> None:
        tab_to(qtbot, form, lambda w: w.objectName() == "meeting_date")
        press(qtbot, form, "09/12/2026", Qt.Key.Key_Tab)  # the start time stays 10:00
        tab_to(qtbot, form, lambda w: w.objectName() == "place")
        press(qtbot, form, "Committee Room 1")
        members = tab_to(qtbot, form, lambda w: w.objectName() == "members")
        assert isinstance(members, QListWidget)
        if members.item(0).checkState() != Qt.CheckState.Checked:  # (panel members may come ticked already)
            press(qtbot, form, Qt.Key.Key_Space)  # the first person (current once the list has the focus) ticked
        assert members.item(0).checkState() == Qt.CheckState.Checked
        press(qtbot, form, (Qt.Key.Key_Return, CTRL))

    planned = in_dialog(qtbot, "New meeting", new_meeting)
    press(qtbot, window, Qt.Key.Key_Space)
    assert planned == ["New meeting"]
    qtbot.waitUntil(lambda: panel.detail.detail is not None and panel.detail.detail.reference == "RRP-2026-12-09")
    assert panel.selected_id() == panel.detail.meeting_id  # the new meeting is the one chosen
    assert [m.name for m in panel.detail.detail.members]  # with the member ticked

    # Tab to "Add cases…"; tick the two most urgent waiting cases; Ctrl+Enter adds them.
    activate(qtbot, window)
    tab_to(qtbot, window, lambda w: w is _button(panel.detail, "Add cases…"))
    ticked: list[str] = []

    def add_cases(form: QWidget) -> None:
        cases = tab_to(qtbot, form, lambda w: isinstance(w, QListWidget))
        assert isinstance(cases, QListWidget)
        press(qtbot, form, Qt.Key.Key_Space, Qt.Key.Key_Down, Qt.Key.Key_Space)
        ticked.extend(cases.item(i).text().split(" — ")[0] for i in range(cases.count())
                      if cases.item(i).checkState() == Qt.CheckState.Checked)
        press(qtbot, form, (Qt.Key.Key_Return, CTRL))

    asked = in_dialog(qtbot, "Add cases to the agenda", add_cases)
    press(qtbot, window, Qt.Key.Key_Space)
    assert asked == ["Add cases to the agenda"] and len(ticked) == 2
    qtbot.waitUntil(lambda: panel.detail.detail is not None and len(panel.detail.detail.items) == 2)

    # Ctrl+P: the pack (its options form saved with Ctrl+Enter), built and opened.
    activate(qtbot, window)
    assert window.print_action.isEnabled()
    built = in_dialog(qtbot, "Meeting pack", lambda form: press(qtbot, form, (Qt.Key.Key_Return, CTRL)))
    press(qtbot, window, (Qt.Key.Key_P, CTRL))
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    assert built == ["Meeting pack"] and opened == [saved / "RRP-2026-12-09 meeting pack.pdf"]
    text = "\n".join(page.extract_text() for page in PdfReader(str(opened[0])).pages)
    assert "RRP-2026-12-09" in text or "9 December 2026" in text
    assert all(reference in text for reference in ticked), (ticked, text[:500])
