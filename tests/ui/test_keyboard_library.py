"""Issue 13, keyboard first: the Review Library worked with the keys alone — Ctrl+4 to the library, the arrows to
choose a review, the learning summary typed section by section with Tab between them and saved by its button's
mnemonic, then a recommendation and an action added through their forms (typed, saved with Ctrl+Enter); and a
review's next steps taken from its page, the first reached by Tab and pressed with Space, the next by its letter.

Every step is a key press on the widget that has the focus (``qtbot.keyClick``), as a user at the keyboard; the
letters pressed with Alt are the ones the screen underlines (read from the texts, as the user reads them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from scpdesk.ui.forms import FormDialog
from scpdesk.ui.keyboard import mnemonic, mnemonics_settled, plain_text
from scpdesk.ui.main_window import MainWindow

Keys = Callable[[FormDialog], None]


def focused(window: QWidget) -> QWidget:
    widget = QApplication.focusWidget()
    return widget if widget is not None else window


def press(qtbot: QtBot, window: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
          ) -> None:
    qtbot.keyClick(focused(window), key, modifier)
    QApplication.processEvents()
    qtbot.waitUntil(mnemonics_settled)


def alt(qtbot: QtBot, window: QWidget, text: str) -> None:
    """Alt and the underlined letter of ``text`` (a button's or a tab's)."""
    letter = mnemonic(text)
    assert letter is not None, f"{plain_text(text)!r} has no mnemonic"
    press(qtbot, window, getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.AltModifier)


def tab_until(qtbot: QtBot, window: QWidget, wanted: QWidget, limit: int = 40, *, back: bool = False) -> None:
    """Press Tab (Shift+Tab: ``back``) until ``wanted`` has the focus, as a user does; fail if it never comes."""
    for _ in range(limit):
        if QApplication.focusWidget() is wanted:
            return
        if back:
            press(qtbot, window, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        else:
            press(qtbot, window, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {wanted.objectName() or type(wanted).__name__}")


def button(parent: QWidget, text: str) -> QAbstractButton:
    [found] = [b for b in parent.findChildren(QAbstractButton) if plain_text(b.text()) == text and b.isVisible()]
    return found


def tab_text(tabs: QTabWidget, title: str) -> str:
    return next(tabs.tabText(i) for i in range(tabs.count()) if plain_text(tabs.tabText(i)) == title)


@pytest.fixture
def typed_forms(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> list[Keys]:
    """Each form that opens is shown and takes the next list of key presses (it is saved by Ctrl+Enter in them)."""
    queue: list[Keys] = []

    def shown(dialog: FormDialog) -> int:
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        queue.pop(0)(dialog)
        owner = dialog.parentWidget()
        if owner is not None:  # the window behind is active again, its focus where it was (a window manager's job)
            owner.window().activateWindow()
            qtbot.waitUntil(owner.window().isActiveWindow)
        return dialog.result()

    monkeypatch.setattr(FormDialog, "exec", shown)
    return queue


def type_then_save(qtbot: QtBot, text: str, **fields: str) -> Keys:
    """Type ``text`` into the field that has the focus (the form's first), then each of ``fields`` after Alt and
    its label's underlined letter, then Ctrl+Enter."""
    def keys(dialog: FormDialog) -> None:
        qtbot.waitUntil(mnemonics_settled)
        qtbot.keyClicks(focused(dialog), text)
        for key, value in fields.items():
            [label] = [x for x in dialog.findChildren(QLabel) if x.buddy() is dialog.widget(key)]
            alt(qtbot, dialog, label.text())
            assert QApplication.focusWidget() is dialog.widget(key)
            qtbot.keyClicks(focused(dialog), value)
        qtbot.keyClick(focused(dialog), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    return keys


def test_a_review_is_chosen_its_summary_typed_and_saved_and_an_action_added_by_keys_alone(
        qtbot: QtBot, demo_window: MainWindow, typed_forms: list[Keys]) -> None:
    window = demo_window
    services = window.ctx.services
    assert services is not None
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.referrals.table.setFocus()  # where a start leaves the user (the only focus set without a key)

    press(qtbot, window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    library = window.library
    assert window.tabs.currentWidget() is library
    qtbot.waitUntil(lambda: not window.tasks.busy and library.model.rowCount() > 0)
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # the search box…
    tab_until(qtbot, window, library.table)  # …then on to the list
    press(qtbot, window, Qt.Key.Key_Down)
    press(qtbot, window, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: library.detail.review_id is not None and not window.tasks.busy)
    review_id = library.detail.review_id
    # Tab put the cursor on the first review (nothing chosen by arriving); Down twice chose the third.
    assert library.table.currentIndex().row() == 2 and review_id == library.model.id_at(2)

    detail = library.detail
    alt(qtbot, window, tab_text(detail.tabs, "Learning summary"))
    assert plain_text(detail.tabs.tabText(detail.tabs.currentIndex())) == "Learning summary"
    tab_until(qtbot, window, detail.sections["about"])
    qtbot.keyClicks(focused(window), "A review typed at the keyboard.")
    press(qtbot, window, Qt.Key.Key_Tab)  # Tab moves to the next section (it types no tab)
    assert QApplication.focusWidget() is detail.sections["the_child"]
    qtbot.keyClicks(focused(window), "Child Q, aged 4.")
    alt(qtbot, window, button(detail, "Save learning summary").text())
    qtbot.waitUntil(lambda: not detail.has_unsaved_typing() and not window.tasks.busy)  # (a mnemonic clicks
    # the button as a mouse would: pressed, then released a moment later)
    saved = services.summaries.content(review_id)
    assert (saved.about, saved.the_child) == ("A review typed at the keyboard.", "Child Q, aged 4.")
    assert not detail.has_unsaved_typing()

    alt(qtbot, window, tab_text(detail.tabs, "Action plan"))
    typed_forms.append(type_then_save(qtbot, "Share the learning with schools"))
    alt(qtbot, window, button(detail, "Recommendation…").text())
    qtbot.waitUntil(lambda: not typed_forms and not window.tasks.busy)
    [recommendation] = [r for r in services.plans.plan(review_id).recommendations
                        if r.text == "Share the learning with schools"]
    tab_until(qtbot, window, detail.plan_view, back=True)  # from the button row back up to the plan
    row = next(i for i in range(detail.plan_model.rowCount())
               if detail.plan_model.row_at(i).recommendation_id == recommendation.id)
    for _ in range(row + 1):  # down the plan to the new recommendation
        press(qtbot, window, Qt.Key.Key_Down)
    assert detail.plan_model.row_at(detail.plan_view.currentIndex().row()).recommendation_id == recommendation.id
    typed_forms.append(type_then_save(qtbot, "Briefing for every designated safeguarding lead", due="31/03/2027"))
    alt(qtbot, window, button(detail, "Action…").text())
    qtbot.waitUntil(lambda: not typed_forms and not window.tasks.busy)
    [again] = [r for r in services.plans.plan(review_id).recommendations if r.id == recommendation.id]
    assert [(a.description, a.due_date) for a in again.actions] == [
        ("Briefing for every designated safeguarding lead", dt.date(2027, 3, 31))]
    assert typed_forms == []  # both forms opened and were typed in


def test_a_reviews_next_steps_are_taken_by_tab_and_space_then_by_their_letter(
        qtbot: QtBot, demo_window: MainWindow, typed_forms: list[Keys]) -> None:
    from scpdesk.models.enums import ReviewStatus

    window = demo_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.referrals.table.setFocus()  # where a start leaves the user (the only focus set without a key)

    press(qtbot, window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    library = window.library
    qtbot.waitUntil(lambda: not window.tasks.busy and library.model.rowCount() > 0)
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(window), "Child Q")  # the draft report
    qtbot.waitUntil(lambda: not library.loading and not window.tasks.busy and library.model.rowCount() > 0
                    and library.model.all_rows[0].title.startswith("Child Q"))  # the best match first
    tab_until(qtbot, window, library.table)  # the cursor on the first review, nothing chosen by arriving
    press(qtbot, window, Qt.Key.Key_Down)
    press(qtbot, window, Qt.Key.Key_Up)  # chosen: the best match
    detail = library.detail
    qtbot.waitUntil(lambda: detail.review_id == library.model.id_at(0) and not window.tasks.busy)
    assert detail.detail is not None and detail.detail.title.startswith("Child Q")
    assert detail.detail.status is ReviewStatus.DRAFT

    # Tab from the list reaches the review's next step first; Space takes it; its form is typed and saved.
    tab_until(qtbot, window, detail.next_buttons[0])
    assert plain_text(detail.next_buttons[0].text()) == "Record the final report agreed…"
    planned = detail.detail.planned_publication_date
    assert planned is not None  # the form offers it: Ctrl+Enter agrees the final report with it
    typed_forms.append(type_then_save(qtbot, ""))
    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not typed_forms and not window.tasks.busy and detail.detail is not None
                    and detail.detail.status is ReviewStatus.FINAL_AGREED)
    assert detail.detail.planned_publication_date == planned

    # Now it leads with sending the final report: Alt and the letter its button shows take it.
    qtbot.waitUntil(lambda: detail.next_keys == ["send_to_panel", "defer"])
    typed_forms.append(type_then_save(qtbot, ""))  # sent today (the form's default), planned date as agreed
    alt(qtbot, window, detail.next_buttons[0].text())
    qtbot.waitUntil(lambda: not typed_forms and not window.tasks.busy and detail.detail is not None
                    and detail.detail.status is ReviewStatus.SENT_TO_PANEL)
    assert detail.detail.final_report_sent_date == window.ctx.today()
    assert detail.next_keys == ["publish", "defer"]
