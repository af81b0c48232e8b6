"""Nothing typed is lost: closing any form or dialog with changes (Cancel, Close, Escape, the window's close
button, or closing scpdesk) asks "Discard changes?"; Keep editing keeps every typed value, Discard closes;
with nothing changed it closes at once. Every dialog class in scpdesk.ui gets this from one mechanism."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QMessageBox, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot
from uihelpers import settle

import scpdesk.ui
from scpdesk.ui.discard import DISCARD, KEEP, TITLE, DiscardGuard
from scpdesk.ui.forms import Field, FormDialog
from scpdesk.ui.keyboard import plain_text
from scpdesk.ui.library_tab import LibraryTab
from scpdesk.ui.main_window import MainWindow
from scpdesk.ui.referral_dialog import ReferralDialog
from scpdesk.ui.settings_window import FirstRunDialog, SettingsWindow

D = TypeVar("D", bound=QDialog)

#: The dialogs scpdesk.ui defines today (the discovery below must find at least these: it cannot pass empty).
KNOWN = {"FormDialog", "ReferralDialog", "RestoreDialog", "SettingsWindow", "FirstRunDialog", "ThemesDialog"}


def dialog_classes() -> dict[str, type]:
    found: dict[str, type] = {}
    for info in pkgutil.walk_packages(scpdesk.ui.__path__, "scpdesk.ui."):
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, QDialog) and cls.__module__ == module.__name__:
                found[f"{cls.__module__}.{name}"] = cls
    return found


def test_every_dialog_in_the_ui_asks_before_discarding_changes() -> None:
    classes = dialog_classes()
    assert KNOWN <= {path.rsplit(".", 1)[1] for path in classes}, sorted(classes)
    unguarded = [path for path, cls in classes.items() if not issubclass(cls, DiscardGuard)]
    assert not unguarded, f"dialogs that close without asking 'Discard changes?': {unguarded}"
    # The guard is not bypassed: Cancel/Escape/close (reject) and every ending (done) go through it.
    bypassed = [path for path, cls in classes.items()
                if cls.reject is not DiscardGuard.reject or cls.done is not DiscardGuard.done]
    assert not bypassed, f"dialogs that override reject() or done() past the guard: {bypassed}"


class Questions:
    """The message boxes shown (title and text) and the answers to give them, by button text."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.answers: list[str] = []


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    q = Questions()

    def answer(box: QMessageBox) -> int:
        if not q.answers:
            raise AssertionError(f"unexpected message box: {box.windowTitle()}: {box.text()}")
        assert box.textFormat() == Qt.TextFormat.PlainText  # a title holding user text stays literal
        q.asked.append(f"{box.windowTitle()}: {box.text()}")
        label = q.answers.pop(0)
        [button] = [b for b in box.buttons() if plain_text(b.text()) == label]
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    return q


def form(parent: QWidget | None = None) -> FormDialog:
    return FormDialog(parent, "Add an action", [Field("what", "What", "multiline", "Call the school"),
                                                Field("owner", "Owner", default="")], lambda values: values)


def shown(qtbot: QtBot, dialog: D) -> D:
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def escape(qtbot: QtBot, dialog: QDialog) -> None:
    target = dialog.focusWidget() or dialog
    qtbot.keyClick(target, Qt.Key.Key_Escape)


def cancel(qtbot: QtBot, dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    button = (box.button(QDialogButtonBox.StandardButton.Cancel) or box.button(QDialogButtonBox.StandardButton.Close)
              or next(b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.RejectRole))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def close_button(qtbot: QtBot, dialog: QDialog) -> None:
    dialog.close()  # the title bar's close button (a close event)


WAYS: dict[str, Callable[[QtBot, QDialog], None]] = {"escape": escape, "cancel": cancel, "close": close_button}


@pytest.mark.parametrize("way", WAYS)
def test_a_changed_form_asks_and_keep_editing_keeps_the_typing(qtbot: QtBot, questions: Questions, way: str) -> None:
    dialog = shown(qtbot, form())
    owner = dialog.widget("owner")
    owner.setFocus()
    qtbot.keyClicks(owner, "DSL, Northshire Academy")
    questions.answers.append(KEEP)
    WAYS[way](qtbot, dialog)
    assert questions.asked and questions.asked[0].startswith(f"{TITLE}: ")
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert isinstance(owner, QLineEdit) and owner.text() == "DSL, Northshire Academy"
    questions.answers.append(DISCARD)
    WAYS[way](qtbot, dialog)
    assert len(questions.asked) == 2 and not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize("way", WAYS)
def test_an_unchanged_form_closes_at_once(qtbot: QtBot, questions: Questions, way: str) -> None:
    dialog = shown(qtbot, form())
    what = dialog.widget("what")
    assert isinstance(what, QPlainTextEdit)
    what.setFocus()
    qtbot.keyClicks(what, "x")
    qtbot.keyClick(what, Qt.Key.Key_Backspace)  # typed and taken back: the values are the ones shown
    WAYS[way](qtbot, dialog)
    assert not dialog.isVisible() and questions.asked == []


def test_saving_never_asks(qtbot: QtBot, questions: Questions) -> None:
    dialog = shown(qtbot, form())
    qtbot.keyClicks(dialog.widget("owner"), "Head of service")
    dialog.try_submit()
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible() and questions.asked == []
    assert dialog.result_value == {"what": "Call the school", "owner": "Head of service"}


def test_a_changed_choice_tick_or_date_counts_as_a_change(qtbot: QtBot, questions: Questions) -> None:
    fields = [Field("kind", "Kind", "choice", "b", options=[("a", "A"), ("b", "B")]),
              Field("done", "Done", "bool", False), Field("due", "Due", "date"),
              Field("who", "Who", "checks", options=[(1, "Police"), (2, "Health")])]
    for change in (lambda d: d.widget("kind").setCurrentIndex(0), lambda d: d.widget("done").setChecked(True),
                   lambda d: d.widget("due").setText("19/12/2025"),
                   lambda d: d.widget("who").item(1).setCheckState(Qt.CheckState.Checked)):
        dialog = shown(qtbot, FormDialog(None, "Change", fields, lambda values: values))
        change(dialog)
        questions.answers.append(DISCARD)
        dialog.reject()
        assert not dialog.isVisible() and not questions.answers


def test_the_referral_intake_asks_before_losing_a_half_typed_referral(qtbot: QtBot, demo_window: MainWindow,
                                                                      questions: Questions) -> None:
    dialog = shown(qtbot, ReferralDialog(demo_window.ctx, demo_window.ctx.services.agencies(), demo_window))
    escape(qtbot, dialog)  # nothing typed: closes at once
    assert not dialog.isVisible() and questions.asked == []
    dialog = shown(qtbot, ReferralDialog(demo_window.ctx, demo_window.ctx.services.agencies(), demo_window))
    dialog.summary.setFocus()
    qtbot.keyClicks(dialog.summary, "Child Q was found at home by a neighbour")
    questions.answers.append(KEEP)
    escape(qtbot, dialog)
    assert dialog.isVisible() and dialog.summary.toPlainText() == "Child Q was found at home by a neighbour"
    questions.answers.append(DISCARD)
    cancel(qtbot, dialog)
    assert not dialog.isVisible() and len(questions.asked) == 2


def test_closing_settings_with_an_unsaved_change_asks(qtbot: QtBot, demo_window: MainWindow,
                                                      questions: Questions) -> None:
    settings = shown(qtbot, SettingsWindow(demo_window.ctx, demo_window))
    page = settings.pages["Partnership"]
    name = page.widgets["partnership_name"]
    assert isinstance(name, QLineEdit)
    name.setText(name.text() + " (draft)")
    settings.show_page("Agencies")  # the change is on a page not shown: still asked about
    questions.answers.append(KEEP)
    cancel(qtbot, settings)  # Close
    assert settings.isVisible() and name.text().endswith(" (draft)")
    assert "Settings" in questions.asked[0]
    assert page.save(), page.error.text()  # saved: what is shown now is what is stored
    cancel(qtbot, settings)
    assert not settings.isVisible() and len(questions.asked) == 1


def test_skipping_the_first_run_set_up_after_typing_asks(qtbot: QtBot, demo_window: MainWindow,
                                                         questions: Questions) -> None:
    dialog = shown(qtbot, FirstRunDialog(demo_window.ctx, demo_window))
    dialog.page.widgets["partnership_name"].setText("Westshire Safeguarding Children Partnership")
    questions.answers.append(DISCARD)
    cancel(qtbot, dialog)  # Skip for now
    assert not dialog.isVisible() and len(questions.asked) == 1


def test_closing_the_main_window_with_a_changed_form_open_asks(qtbot: QtBot, demo_window: MainWindow,
                                                               questions: Questions) -> None:
    dialog = shown(qtbot, form(demo_window))
    dialog.widget("owner").setText("Named nurse")
    questions.answers.append(KEEP)
    assert not demo_window.close()
    assert demo_window.isVisible() and dialog.isVisible() and dialog.widget("owner").text() == "Named nurse"
    assert "“Add an action”" in questions.asked[0]
    questions.answers.append(DISCARD)
    assert demo_window.close()
    assert not dialog.isVisible() and len(questions.asked) == 2  # asked once for the window and its form


def test_closing_the_main_window_with_nothing_changed_does_not_ask(qtbot: QtBot, demo_window: MainWindow,
                                                                   questions: Questions) -> None:
    shown(qtbot, form(demo_window))
    assert demo_window.close() and questions.asked == []


def archived_library(qtbot: QtBot, window: MainWindow) -> LibraryTab:
    """The library tab showing its archived reviews (the demo's have learning summaries)."""
    tab = window.library
    window.tabs.setCurrentWidget(tab)
    tab.view.setCurrentIndex(tab.view.findData("archived"))
    settle(qtbot, window)
    return tab


def test_a_typed_learning_summary_survives_a_refresh_and_closing_asks(qtbot: QtBot, demo_window: MainWindow,
                                                                      questions: Questions) -> None:
    tab = archived_library(qtbot, demo_window)
    row = next(r for r in tab.model.all_rows if r.title.startswith("Child F"))
    assert tab.select_id(row.id)
    panel = tab.detail
    panel.sections["key_learning"].setPlainText("Listen to the child")
    panel.reload()  # e.g. after another change to this review: the typing stays
    assert panel.sections["key_learning"].toPlainText() == "Listen to the child"
    questions.answers.append(KEEP)
    assert not demo_window.close()
    assert "learning summary" in questions.asked[0]
    assert panel.save_summary(), panel.summary_error.text()
    assert demo_window.close() and len(questions.asked) == 1


def test_locking_and_unlocking_a_form_is_no_change(qtbot: QtBot, demo_window: MainWindow,
                                                    questions: Questions) -> None:
    from scpdesk.services.unlock import hash_lock_passphrase
    from scpdesk.ui.idle_lock import LOCK_HASH_KEY, LockScreen

    demo_window.ctx.settings.setValue(LOCK_HASH_KEY, hash_lock_passphrase("correct horse battery"))
    dialog = shown(qtbot, form(demo_window))
    demo_window.idle_lock.lock()
    screen = dialog.findChild(LockScreen)
    screen.secret.setText("wrong guess")
    screen.unlock_button.click()  # refused: the box is cleared
    screen.secret.setText("correct horse battery")
    screen.unlock_button.click()
    assert not demo_window.idle_lock.locked
    escape(qtbot, dialog)  # the lock screen's passphrase box is not the form's: nothing to ask
    assert not dialog.isVisible() and questions.asked == []


def test_choosing_another_review_with_a_typed_summary_asks(qtbot: QtBot, demo_window: MainWindow,
                                                           questions: Questions) -> None:
    tab = archived_library(qtbot, demo_window)
    first, second = tab.model.all_rows[:2]
    assert tab.select_id(first.id)
    panel = tab.detail
    panel.sections["key_learning"].setPlainText("Listen to the child")
    questions.answers.append(KEEP)
    assert tab.select_id(second.id)  # as a click on another row
    assert f"the learning summary of {first.reference}" in questions.asked[0]
    assert tab.selected_id() == first.id and panel.review_id == first.id
    assert panel.sections["key_learning"].toPlainText() == "Listen to the child"
    questions.answers.append(DISCARD)
    assert tab.select_id(second.id)
    assert tab.selected_id() == second.id and panel.review_id == second.id and len(questions.asked) == 2
    assert panel.sections["key_learning"].toPlainText() != "Listen to the child"
    assert tab.select_id(first.id) and len(questions.asked) == 2  # nothing typed in the second: no question
