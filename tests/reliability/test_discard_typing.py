"""Nothing typed is lost, measured: random edit scripts over a form holding every kind of input (text, multiline,
date, choice, ticks, a checkbox), some of which put values back as they were, then Escape. A form whose
values differ from the ones shown must ask "Discard changes?" (Keep editing: every value kept; then Cancel and
Discard: closed); a form whose values are the ones shown must close at once. Seeded: the same scripts every run.
Counts tried / asked / lost / missed / spurious are printed (``pytest -s``) and all but tried/asked must be 0."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLineEdit, QListWidget, QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from scpdesk.ui.discard import DISCARD, KEEP
from scpdesk.ui.forms import Field, FormDialog

TRIALS = 300
SEED = 20261202
OPTIONS = [("a", "Police"), ("b", "Health"), ("c", "Education"), ("d", "Children's social care")]
FIELDS = [Field("title", "Title", default="Strategy meeting"), Field("notes", "Notes", "multiline", "Line one"),
          Field("due", "Due", "date"), Field("kind", "Kind", "choice", "b", options=OPTIONS),
          Field("who", "Who", "checks", ["a"], options=OPTIONS), Field("done", "Done", "bool", False)]
#: Hostile and awkward text: markup, Welsh, right-to-left, emoji, a NUL-free control character, long runs.
WORDS = ["<b>&amp;</b>", "ŵŷ", "שלום", "😀", "tab\there", "x" * 300, "'; DROP TABLE referral; --", "", " "]


def raw(dialog: FormDialog) -> tuple[Any, ...]:
    """What the user sees in each input (independent of the mechanism under test)."""
    out: list[Any] = []
    for spec in dialog.fields:
        w = spec.widget
        if isinstance(w, QLineEdit):
            out.append(w.text())
        elif isinstance(w, QPlainTextEdit):
            out.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            out.append(w.currentIndex())
        elif isinstance(w, QListWidget):
            out.append(tuple(w.item(i).checkState() == Qt.CheckState.Checked for i in range(w.count())))
        elif isinstance(w, QCheckBox):
            out.append(w.isChecked())
    return tuple(out)


def operations(rng: random.Random, dialog: FormDialog, qtbot: QtBot) -> list[Callable[[], None]]:
    title, notes, due = dialog.widget("title"), dialog.widget("notes"), dialog.widget("due")
    kind, who, done = dialog.widget("kind"), dialog.widget("who"), dialog.widget("done")
    assert isinstance(title, QLineEdit) and isinstance(notes, QPlainTextEdit) and isinstance(due, QLineEdit)
    assert isinstance(kind, QComboBox) and isinstance(who, QListWidget) and isinstance(done, QCheckBox)
    start = raw(dialog)

    def put_back() -> None:  # undo everything by hand: the values are the ones shown again
        title.setText(start[0])
        notes.setPlainText(start[1])
        due.setText(start[2])
        kind.setCurrentIndex(start[3])
        for i, ticked in enumerate(start[4]):
            who.item(i).setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        done.setChecked(start[5])

    def type_and_delete() -> None:
        title.setFocus()
        qtbot.keyClicks(title, "ab")
        qtbot.keyClick(title, Qt.Key.Key_Backspace)
        qtbot.keyClick(title, Qt.Key.Key_Backspace)

    return [
        lambda: title.setText(title.text() + rng.choice(WORDS)),
        lambda: notes.setPlainText(rng.choice(WORDS)),
        lambda: notes.appendPlainText(rng.choice(WORDS)),
        lambda: due.setText(rng.choice(["19/12/2025", "31/02/2026", "not a date", ""])),
        lambda: kind.setCurrentIndex(rng.randrange(len(OPTIONS))),
        lambda: who.item(rng.randrange(len(OPTIONS))).setCheckState(
            rng.choice([Qt.CheckState.Checked, Qt.CheckState.Unchecked])),
        lambda: done.setChecked(not done.isChecked()),
        type_and_delete,
        put_back, put_back,
    ]


def test_random_edits_then_escape_never_lose_typing(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    answers: list[str] = []
    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        if not answers:
            asked.append("UNEXPECTED")
            label = KEEP  # an unexpected question is counted (spurious) and answered safely
        else:
            label = answers.pop(0)
            asked.append(label)
        [button] = [b for b in box.buttons() if b.text() == label]
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    rng = random.Random(SEED)
    counts = {"tried": 0, "asked": 0, "lost": 0, "missed": 0, "spurious": 0}
    for _ in range(TRIALS):
        dialog = FormDialog(None, "Random form", FIELDS, lambda values: values)
        qtbot.addWidget(dialog)
        dialog.show()
        shown = raw(dialog)
        ops = operations(rng, dialog, qtbot)
        for _ in range(rng.randint(1, 6)):
            rng.choice(ops)()
        typed = raw(dialog)
        changed = typed != shown
        counts["tried"] += 1
        asked.clear()
        if changed:
            answers.append(KEEP)
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
        if changed:
            if asked != [KEEP] or not dialog.isVisible():
                counts["missed"] += 1
            else:
                counts["asked"] += 1
            if raw(dialog) != typed:
                counts["lost"] += 1
            answers[:] = [DISCARD]
            dialog.reject()
            counts["lost"] += dialog.isVisible()  # Discard must close it
        elif asked or dialog.isVisible():
            counts["spurious"] += 1
        answers.clear()
        dialog.done(QDialog.DialogCode.Rejected.value)
        dialog.deleteLater()
    print(f"\ndiscard guard: {counts}")
    assert counts["tried"] == TRIALS and counts["asked"] > TRIALS // 3  # the scripts do change most forms
    assert counts["asked"] < TRIALS  # and some put everything back (the "no change" path is exercised)
    assert counts["lost"] == counts["missed"] == counts["spurious"] == 0, counts
