"""Form building blocks: a UK date field, field specs, and a dialog that keeps what was typed on any error.

Every label and message is plain text (never rich text): user strings cannot inject markup.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..errors import ConflictError, NeedsConfirmation, ScpdeskError, StorageError, UserError, ValidationErrors
from ..translatable import QT_TRANSLATE_NOOP
from .discard import DiscardGuard
from .i18n import translate
from .keyboard import working_text
from .people import searchable, typed_index
from .sizing import box_height, box_lines, fit_dialog, list_as_wide_as_items, list_rows_tall

if TYPE_CHECKING:
    from .tasks import TaskRunner

_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_UK = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")

INVALID_STYLE = "border: 2px solid #c0392b;"
#: Said under a storage fault in a form: nothing reached the database, and nothing typed is lost.
KEPT = QT_TRANSLATE_NOOP("FormDialog", "Nothing was saved; your text is kept here. Try again.")
#: The key a FormDialog adds (True) to the values it submits again after the user confirmed a risky step.
CONFIRMED = "confirmed"


def parse_uk_date(text: str) -> dt.date | None:
    """``19/12/2025`` or ``2025-12-19`` → date; blank → None; anything else raises ValueError."""
    text = text.strip()
    if not text:
        return None
    if _ISO.match(text):
        return dt.date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
    match = _UK.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    raise ValueError(text)


class DateField(QLineEdit):
    """A date typed the UK way (dd/mm/yyyy), blank allowed; ``value`` raises UserError naming the field."""

    def __init__(self, name: str, value: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field_name = name
        self.setPlaceholderText(translate("FormDialog", "dd/mm/yyyy"))
        self.setMaximumWidth(140)
        self.set_value(value)

    def set_value(self, value: dt.date | None) -> None:
        self.setText(value.strftime("%d/%m/%Y") if value else "")

    def value(self) -> dt.date | None:
        try:
            return parse_uk_date(self.text())
        except ValueError:
            raise UserError(self.field_name, translate("FormDialog", "'{text}' is not a date; type it as dd/mm/yyyy, "
                                                       "e.g. 19/12/2025").format(text=self.text().strip())) from None


class TextBox(QPlainTextEdit):
    """A form's multi-line box: it asks for five lines (Qt's default asked for twelve, so a notes box dwarfed the
    members list beside it) and never shrinks below three; a bigger dialog gives it more."""

    LINES = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box_lines(self, 3)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(super().sizeHint().width(), box_height(self, self.LINES))


@dataclass
class Field:
    """One input of a FormDialog. ``kind``: text, multiline, date, choice, checks, bool, person (a choice
    that can be typed into: part of a name finds the person, see ``ui/people.py``)."""

    key: str
    label: str
    kind: str = "text"
    default: Any = None
    options: Sequence[tuple[Any, str]] = ()
    hint: str = ""
    widget: QWidget | None = field(default=None, repr=False)


def _make_widget(spec: Field, parent: QWidget) -> QWidget:
    if spec.kind == "date":
        return DateField(spec.key, spec.default, parent)
    if spec.kind == "multiline":
        edit = TextBox(parent)
        edit.setPlainText(spec.default or "")
        return edit
    if spec.kind in ("choice", "person"):
        combo = QComboBox(parent)
        if spec.kind == "person":
            searchable(combo)
        for value, text in spec.options:
            combo.addItem(text, value)
        if spec.default is not None:
            index = next((i for i, (v, _) in enumerate(spec.options) if v == spec.default), 0)
            combo.setCurrentIndex(index)
        return combo
    if spec.kind == "checks":
        box = QListWidget(parent)
        chosen = set(spec.default or ())
        for value, text in spec.options:
            item = QListWidgetItem(text, box)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if value in chosen else Qt.CheckState.Unchecked)
        list_rows_tall(box, 10)  # up to ten choices (people, cases) readable without scrolling
        list_as_wide_as_items(box)
        return box
    if spec.kind == "bool":
        check = QCheckBox(parent)
        check.setChecked(bool(spec.default))
        return check
    line = QLineEdit(parent)
    line.setText(spec.default or "")
    return line


def widget_value(spec: Field) -> Any:
    widget = spec.widget
    if isinstance(widget, DateField):
        return widget.value()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    # Choices return the option's own Python value (Qt would turn an enum into a plain string).
    if isinstance(widget, QComboBox):
        index = widget.currentIndex() if not widget.isEditable() else typed_index(spec.key, widget)
        return spec.options[index][0] if 0 <= index < len(spec.options) else None
    if isinstance(widget, QListWidget):
        return [spec.options[i][0] for i in range(widget.count())
                if widget.item(i).checkState() == Qt.CheckState.Checked]
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QLineEdit):
        return widget.text()
    raise TypeError(spec.kind)


def error_fields(exc: UserError) -> list[str]:
    return [e.field for e in exc.errors] if isinstance(exc, ValidationErrors) else [exc.field]


def field_note(parent: QWidget, key: str) -> QLabel:
    """The message shown beside (or under) field ``key`` when a save names it; hidden until then."""
    note = QLabel(parent)
    note.setObjectName(f"{key}Error")
    note.setTextFormat(Qt.TextFormat.PlainText)
    note.setWordWrap(True)
    note.setStyleSheet("color: #a61b1b;")
    note.hide()
    return note


def show_field_notes(notes: dict[str, QLabel], exc: ScpdeskError) -> None:
    """Each field's own messages from ``exc`` beside it (a sentence each); the other notes hidden."""
    errors = (exc.errors if isinstance(exc, ValidationErrors) else [exc]) if isinstance(exc, UserError) else []
    for key, note in notes.items():
        text = "\n".join(e.message[:1].upper() + e.message[1:] for e in errors if e.field == key)
        note.setText(text)
        note.setVisible(bool(text))


def error_text(exc: ScpdeskError, labels: dict[str, str]) -> str:
    """Each problem on its own line, named by the label the user sees next to the field. A storage fault
    (server unreachable, disk full, read-only, file gone) says what happened, that the typing is kept, and
    what to do."""
    if isinstance(exc, StorageError):
        return "\n".join(line for line in (exc.message, translate("FormDialog", KEPT), exc.hint) if line)
    if not isinstance(exc, UserError):
        return str(exc)
    errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
    lines = []
    for error in errors:
        name = labels.get(error.field) or error.field.replace("_", " ").capitalize()
        lines.append(translate("FormDialog", "{field}: {problem}").format(field=name, problem=error.message)
                     if name else error.message)
    return "\n".join(lines)


class FormDialog(DiscardGuard, QDialog):
    """Fields in a form; Save calls ``submit(values)``. A UserError is shown above the form with the fields
    outlined, a ConflictError is explained (``on_conflict`` reloads), a StorageError (server unreachable,
    disk full…) is explained in the form, and the dialog stays open with every typed value kept. Closes
    (accepted) only when ``submit`` returns.

    With ``tasks`` (every form that writes to the database), ``submit`` runs on the write thread: the form
    stays open and says it is saving (Save disabled, the fields locked, Cancel refused: the write may already
    be committing), and closes only when the write succeeded; any failure unlocks it with the typing kept."""

    def __init__(self, parent: QWidget | None, title: str, fields: Sequence[Field],
                 submit: Callable[[dict[str, Any]], Any], *, intro: str = "",
                 on_conflict: Callable[[], None] | None = None, save_text: str = "",
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        #: True from Save until the write has answered.
        self.saving = False
        self.setWindowTitle(title)
        self.setObjectName("formDialog")
        self.fields = list(fields)
        self.submit = submit
        self.on_conflict = on_conflict
        self.result_value: Any = None
        layout = QVBoxLayout(self)
        if intro:
            intro_label = QLabel(intro, self)
            intro_label.setTextFormat(Qt.TextFormat.PlainText)
            intro_label.setWordWrap(True)
            layout.addWidget(intro_label)
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a61b1b; font-weight: bold;")
        self.error.hide()
        layout.addWidget(self.error)
        form = QFormLayout()
        #: Each field's own message, shown just under it when a save names that field.
        self.field_errors: dict[str, QLabel] = {}
        for spec in self.fields:
            spec.widget = _make_widget(spec, self)
            spec.widget.setObjectName(spec.key)
            if spec.hint:
                spec.widget.setToolTip(spec.hint)
            label = QLabel(spec.label, self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(spec.widget)
            spec.widget.setAccessibleName(spec.label.rstrip(": "))  # what a screen reader says for the field
            cell = QWidget(self)
            stack = QVBoxLayout(cell)
            stack.setContentsMargins(0, 0, 0, 0)
            stack.setSpacing(2)
            stack.addWidget(spec.widget)
            note = field_note(cell, spec.key)
            stack.addWidget(note)
            self.field_errors[spec.key] = note
            form.addRow(label, cell)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_text = save_text = save_text or translate("FormDialog", "Save")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(save_text)
        self.buttons.accepted.connect(self.try_submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # Ctrl+Enter saves from any field, a multi-line box too (where Enter starts a new line).
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self._submit_by_key)
        self.setMinimumWidth(480)
        fit_dialog(self)

    def _submit_by_key(self) -> None:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if save.isEnabled():  # not while a save is running
            self.try_submit()

    def widget(self, key: str) -> QWidget:
        for spec in self.fields:
            if spec.key == key and spec.widget is not None:
                return spec.widget
        raise KeyError(key)

    def values(self) -> dict[str, Any]:
        return {spec.key: widget_value(spec) for spec in self.fields}

    def show_error(self, exc: ScpdeskError) -> None:
        self.error.setText(error_text(exc, {spec.key: spec.label for spec in self.fields}))
        self.error.show()
        bad = set(error_fields(exc)) if isinstance(exc, UserError) else set()
        for spec in self.fields:
            if spec.widget is not None:
                spec.widget.setStyleSheet(INVALID_STYLE if spec.key in bad else "")
        show_field_notes(self.field_errors, exc)

    def try_submit(self) -> None:
        if self.saving:  # a second Save while the first is still being written
            return
        try:
            values = self.values()
        except UserError as exc:  # a date that is not a date, a person not in the list: said beside the field
            self.show_error(exc)
            return
        self._send(values)

    def _send(self, values: dict[str, Any]) -> None:
        self._set_saving(True)
        if self.tasks is None:
            try:
                result = self.submit(values)
            except BaseException as exc:  # noqa: BLE001 - handled exactly as a background save's failure
                self._failed(values, exc)
            else:
                self._saved(result)
            return
        self.tasks.write(lambda: self.submit(values), self._saved, lambda exc: self._failed(values, exc))

    def _saved(self, result: Any) -> None:
        self._set_saving(False)
        self.result_value = result
        self.accept()

    def _failed(self, values: dict[str, Any], exc: BaseException) -> None:
        self._set_saving(False)
        if isinstance(exc, NeedsConfirmation):
            if not confirm(self, self.windowTitle(), confirmation_text(exc), default_no=True):
                self.error.setText(translate("FormDialog", "Not saved: nothing has changed. Correct the form, or "
                                             "Save again and answer Yes to go ahead."))
                self.error.show()
                return
            self._send({**values, CONFIRMED: True})
        elif isinstance(exc, ConflictError):
            self.show_error(exc)
            if self.on_conflict is not None:
                self.on_conflict()
        elif isinstance(exc, (UserError, StorageError)):
            self.show_error(exc)
        else:
            not_saved_bug(self.error, exc)

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        show_saving(self.buttons, self.error, saving, [s.widget for s in self.fields if s.widget is not None],
                    self.save_text)

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, fields: Sequence[Field],
            submit: Callable[[dict[str, Any]], Any], **kwargs: Any) -> Any:
        """Show the dialog; returns what ``submit`` returned, or None when cancelled."""
        dialog = cls(parent, title, fields, submit, **kwargs)
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None


def not_saved_bug(error: QLabel, exc: BaseException) -> None:
    """A save failed on a bug: the form keeps what was typed, says nothing was saved, the error dialog shows it."""
    error.setText(translate("FormDialog", "Not saved: something went wrong inside scpdesk. What you typed is "
                            "still here; copy it somewhere safe if the problem repeats."))
    error.show()
    sys.excepthook(type(exc), exc, exc.__traceback__)


def show_saving(buttons: QDialogButtonBox, error: QLabel, saving: bool, inputs: Sequence[QWidget],
                save_text: str = "") -> None:
    """While a form's write runs: Save says "Saving…", the inputs and Cancel wait (it may be committing)."""
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    save.setEnabled(not saving)
    working_text(save, saving, save_text or translate("FormDialog", "Save"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(not saving)
    for widget in inputs:
        widget.setEnabled(not saving)
    if saving:
        error.hide()


def plain_message(parent: QWidget | None, title: str, text: str, *,
                  icon: QMessageBox.Icon = QMessageBox.Icon.Information) -> None:
    box = QMessageBox(icon, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def confirmation_text(question: NeedsConfirmation) -> str:
    """"Are you sure…?" with each reason on its own line (plain text: reasons may carry typed names)."""
    reasons = "\n".join(f"• {reason[:1].upper()}{reason[1:]}." for reason in question.reasons)
    return translate("FormDialog", "{action}: are you sure?\n\n{reasons}\n\nYes saves it and records in the audit "
                     "that you confirmed it. No goes back to the form with nothing saved.").format(
        action=question.action, reasons=reasons)


def confirm(parent: QWidget | None, title: str, text: str, *, default_no: bool = False) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default_no:  # a risky step: Enter must not say yes to it
        box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes
