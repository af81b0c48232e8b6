"""Ctrl+P (issue 13), keys only, on each tab: on the Panel it builds the chosen meeting's pack, on the Library it
writes the chosen review's learning summary, on Referrals it prints the list as shown — each a real PDF (read back
with pypdf), disabled with a reason while nothing is chosen, listed by F1. And the file dialogs remember the last
folder per kind of file, starting in Documents, never the working directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from keyhelpers import CTRL, activate, in_dialog, press, tab_to
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from scpdesk.services.history import history
from scpdesk.ui import files, printing
from scpdesk.ui.main_window import MainWindow


class SaveDialogs:
    """The system's save dialog, answered: each file goes in ``folder`` under the name suggested; every
    (title, where it opened) is kept."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.asked: list[tuple[str, Path]] = []

    def __call__(self, parent: QWidget, title: str, start: str, filters: str) -> tuple[str, str]:
        self.asked.append((title, Path(start)))
        self.folder.mkdir(parents=True, exist_ok=True)
        return str(self.folder / Path(start).name), filters

    def last(self) -> Path:
        return self.folder / self.asked[-1][1].name


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> SaveDialogs:
    answered = SaveDialogs(tmp_path / "printed")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answered))
    monkeypatch.chdir(tmp_path)  # a dialog opening here (the working directory) would be wrong
    return answered


@pytest.fixture
def window(qtbot: QtBot, demo_window: MainWindow) -> MainWindow:
    activate(qtbot, demo_window)
    return demo_window


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def _choose_first_row(qtbot: QtBot, window: MainWindow, tab: QWidget) -> None:
    """Ctrl+F to the list's search box, Tab on to the list, Down to its first row."""
    press(qtbot, window, (Qt.Key.Key_F, CTRL))
    table = tab.table  # type: ignore[attr-defined]
    tab_to(qtbot, window, lambda w: w is table)
    press(qtbot, window, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: tab.selected_id() is not None)  # type: ignore[attr-defined]


def test_ctrl_p_on_the_panel_builds_the_chosen_meetings_pack(qtbot: QtBot, window: MainWindow,
                                                              dialogs: SaveDialogs,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    press(qtbot, window, (Qt.Key.Key_3, CTRL))
    panel = window.panel
    qtbot.waitUntil(lambda: not window.tasks.busy)
    assert not window.print_action.isEnabled()  # nothing chosen: disabled, and says why
    assert "Choose a meeting first" in window.print_action.toolTip()
    opened: list[Path] = []
    monkeypatch.setattr(panel.detail, "open_file", opened.append)
    _choose_first_row(qtbot, window, panel)
    qtbot.waitUntil(lambda: panel.detail.meeting_id == panel.selected_id())
    assert window.print_action.isEnabled()
    options = in_dialog(qtbot, "Meeting pack", lambda d: press(qtbot, d, (Qt.Key.Key_Return, CTRL)))
    press(qtbot, window, (Qt.Key.Key_P, CTRL))
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    assert options == ["Meeting pack"] and dialogs.asked[0][0] == "Save the meeting pack"
    reference = panel.detail.detail.reference
    assert opened == [dialogs.last()] and reference in _text(opened[0])
    assert any(e.action == "print" for e in history(window.ctx.services.ctx, "meeting", panel.selected_id()))


def test_ctrl_p_on_the_library_writes_the_chosen_reviews_learning_summary(qtbot: QtBot, window: MainWindow,
                                                                          dialogs: SaveDialogs,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    press(qtbot, window, (Qt.Key.Key_4, CTRL))
    library = window.library
    qtbot.waitUntil(lambda: not window.tasks.busy)
    assert not window.print_action.isEnabled() and "Choose a review first" in window.print_action.toolTip()
    opened: list[Path] = []
    monkeypatch.setattr(library.detail, "open_file", opened.append)
    _choose_first_row(qtbot, window, library)
    qtbot.waitUntil(lambda: library.detail.review_id == library.selected_id())
    press(qtbot, window, (Qt.Key.Key_P, CTRL))
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    assert dialogs.asked[0][0] == "Export the learning summary" and opened[0].suffix == ".pdf"
    assert library.detail.detail.reference in opened[0].name
    assert len(PdfReader(str(opened[0])).pages) >= 1


def test_ctrl_p_on_referrals_prints_the_list_as_shown(qtbot: QtBot, window: MainWindow, dialogs: SaveDialogs,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(printing, "open_document", opened.append)
    press(qtbot, window, (Qt.Key.Key_2, CTRL))
    tab = window.referrals
    everyone = [r.reference for r in tab.model.all_rows]
    wanted = tab.model.row_at(0).reference
    press(qtbot, window, (Qt.Key.Key_F, CTRL), wanted)  # the search narrows the list to one referral
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    press(qtbot, window, (Qt.Key.Key_P, CTRL))
    qtbot.waitUntil(lambda: bool(opened))
    text = _text(opened[0])
    assert wanted in text and "1 referral" in text and f"matching “{wanted}”" in text
    assert not [r for r in everyone if r != wanted and r in text]  # only what was shown
    assert "OFFICIAL-SENSITIVE" in text and "(pseudonym)" in text, text
    events = history(window.ctx.services.ctx, "referral", "")
    assert any(e.action == "print" and "1 referrals" in str(e.new_value) for e in events)
    press(qtbot, window, (Qt.Key.Key_F, CTRL), "no such referral")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0)
    assert not window.print_action.isEnabled() and "nothing to print" in window.print_action.toolTip()


def test_f1_lists_ctrl_p(window: MainWindow) -> None:
    assert "Ctrl+P — Print or build pack" in window.shortcut_lines()


def test_each_kind_of_file_remembers_its_own_folder_and_starts_in_documents(
        qtbot: QtBot, window: MainWindow, dialogs: SaveDialogs, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(files, "user_documents_dir", lambda: str(documents))
    tab = window.referrals
    assert files.start_folder(tab, "pack") == documents  # first use: Documents, not the working directory
    dialogs.folder = tmp_path / "packs"
    files.save_file(tab, "Save the meeting pack", "RRP pack.pdf", "PDF (*.pdf)", kind="pack")
    dialogs.folder = tmp_path / "spreadsheets"
    files.save_file(tab, "Export referrals", "referrals.xlsx", "Excel (*.xlsx)", kind="export")
    assert dialogs.asked[0][1] == documents / "RRP pack.pdf"
    assert dialogs.asked[1][1] == documents / "referrals.xlsx"  # a pack's folder is not the exports'
    assert files.start_folder(tab, "pack") == tmp_path / "packs"
    assert files.start_folder(tab, "export") == tmp_path / "spreadsheets"
    assert files.start_folder(tab, "image") == documents
    opened: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda parent, title, start, filters: (opened.append(start), ("", ""))[1]))
    assert files.open_file(tab, "Import referrals", "Spreadsheets (*.csv *.xlsx)", kind="import") == ""
    assert opened == [str(documents)]  # cancelled: nothing remembered
    assert files.start_folder(tab, "import") == documents
    (tmp_path / "packs").rmdir()  # a remembered folder that has gone: Documents again
    assert files.start_folder(tab, "pack") == documents
