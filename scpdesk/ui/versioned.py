"""Forms that save against the version they showed (issue 9, VERSIONS.md point 3).

The version is captured when the form opens, never re-read at save time: a background refresh of the panel
cannot turn a stale form into a silent overwrite. On a ConflictError the form stays open with the typing
kept and says who changed the record; the panel behind reloads, and only then does the form take the new
version, so Save again knowingly applies what was typed on top of the colleague's change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from PySide6.QtWidgets import QComboBox, QDialog, QPlainTextEdit

from ..services.dto import Changes
from .forms import DateField, Field, FormDialog
from .widgets import DetailPanel

#: What a form saved against: a version, or several (e.g. an agenda item's and its referral's).
V = TypeVar("V")


def run_checked(panel: DetailPanel, title: str, fields: list[Field],
                call: Callable[[dict[str, Any], V], Changes], shown: Callable[[], V | None], *,
                intro: str = "", prepare: Callable[[FormDialog], None] | None = None) -> bool:
    """Ask, then ``call(values, version)`` with the version ``shown()`` gave when the form opened. A login
    that may not change records is told so before the form opens (nothing typed is lost)."""
    if panel._read_only():
        return False
    first = shown()
    if first is None:
        return False
    version = [first]

    def take_new_version() -> None:
        now = shown()
        if now is not None:
            version[0] = now

    def on_conflict() -> None:
        panel.reload_then(take_new_version)  # the new version only once the colleague's record is shown

    dialog = FormDialog(panel, title, fields, lambda v: call(v, version[0]), intro=intro, on_conflict=on_conflict,
                        tasks=panel.ctx.tasks)
    if prepare is not None:
        prepare(dialog)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    panel._after(dialog.result_value)
    return True


def follow_choice(dialog: FormDialog, choice: str, target: str, options: Sequence[tuple[Any, str]],
                  stored: Mapping[Any, Any], default: Any = "") -> None:
    """Keep field ``target`` showing the stored value of the option chosen in ``choice`` (an agency's summary
    notes or return date, a partner's sign-off name), unless the user has changed it."""
    combo, edit = dialog.widget(choice), dialog.widget(target)
    assert isinstance(combo, QComboBox)

    def current() -> Any:
        if isinstance(edit, DateField):
            return edit.value()
        return edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()  # type: ignore[attr-defined]

    def show(value: Any) -> None:
        if isinstance(edit, DateField):
            edit.set_value(value)
        elif isinstance(edit, QPlainTextEdit):
            edit.setPlainText(value)
        else:
            edit.setText(value)  # type: ignore[attr-defined]

    shown = [current()]

    def switched(index: int) -> None:
        if current() == shown[0]:  # untouched: show the newly chosen one's stored value
            shown[0] = stored.get(options[index][0], default) if 0 <= index < len(options) else default
            if shown[0] is None:
                shown[0] = default
            show(shown[0])

    combo.currentIndexChanged.connect(switched)
