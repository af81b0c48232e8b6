"""The Settings window: partnership profile, documents, timeframes, retention, closure days, agencies and
people. Every change is validated by the services (messages name the field), audited, and takes effect at
once (the change bus tells every tab to refresh)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..errors import ConflictError, ScpdeskError, UserError
from ..services.dto import Changes
from ..translatable import QT_TRANSLATE_NOOP
from . import files, ops
from .access import reason_label, restrict
from .context import AppContext
from .dates import day as _d
from .discard import DiscardGuard, mark_shown
from .forms import INVALID_STYLE, Field, FormDialog, error_fields, error_text, plain_message
from .i18n import tr_data
from .keyboard import working_text
from .sizing import fit_dialog
from .table_model import Column, RowTableModel
from .widgets import plain as _plain
from .widgets import table as _table

#: Settings pages: the title and the setting groups (scpdesk.services.settings.SETTING_KEYS) each shows.
PAGE_GROUPS = ((QT_TRANSLATE_NOOP("Settings", "Partnership"), ("Partnership",)),
               (QT_TRANSLATE_NOOP("Settings", "Documents"), ("Documents",)),
               (QT_TRANSLATE_NOOP("Settings", "Timeframes"), ("Rules", "Timeframes")),
               (QT_TRANSLATE_NOOP("Settings", "Nations"), ("Nations",)),
               (QT_TRANSLATE_NOOP("Settings", "Retention"), ("Retention",)),
               (QT_TRANSLATE_NOOP("Settings", "Security"), ("Security",)))
translate = QCoreApplication.translate


if TYPE_CHECKING:
    from ..services.organisation.closures import ClosureResult, SettingsResult
    from ..services.registry import Services
    from ..services.settings import SettingsSnapshot

#: What a Save button says while its write is on the write thread.
SAVING = QT_TRANSLATE_NOOP("Settings", "Saving…")


def _saving(button: QPushButton, saving: bool, text: str = "") -> None:
    text = text or translate("Settings", "Save")
    button.setEnabled(not saving)
    working_text(button, saving, text, translate("Settings", SAVING))


def _say(parent: QWidget, title: str, exc: BaseException) -> None:
    """A refusal or an environment fault in a message; a bug to the error dialog."""
    if isinstance(exc, ScpdeskError):
        plain_message(parent, title, str(exc))
    else:
        ops.explain(parent, exc)


def _on_its_way(start: Callable[[Callable[[bool], None]], None]) -> bool:
    """Start an action that reports whether it succeeded: that answer when it came at once (the tests'
    immediate runner), else True (on its way: the screen says the rest when it arrives)."""
    outcome: list[bool] = []
    start(outcome.append)
    return outcome[0] if outcome else True


class SettingsPage(QWidget):
    """The settings of one group, edited together and saved against the versions they were read at."""

    def __init__(self, ctx: AppContext, groups: tuple[str, ...], parent: QWidget | None = None, *,
                 read: bool = True) -> None:
        """``read=False``: the window reads the settings once for all its pages (``read_pages``)."""
        from ..services.settings import SETTING_KEYS

        super().__init__(parent)
        self.ctx = ctx
        self.infos = [info for info in SETTING_KEYS.values() if info.group in groups]
        self.widgets: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        self.error = _plain("", self)
        self.error.setObjectName("settingsError")
        self.error.setStyleSheet("color: #a61b1b; font-weight: bold;")
        self.error.hide()
        layout.addWidget(self.error)
        form = QFormLayout()
        for info in self.infos:
            widget = self._widget(info)
            widget.setObjectName(f"setting_{info.key}")
            help_text = tr_data("SettingsValues", info.help)
            widget.setToolTip(help_text)
            self.widgets[info.key] = widget
            label = QLabel(tr_data("SettingsValues", info.label) + (" *" if info.required else ""), self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setToolTip(help_text)
            label.setBuddy(widget)
            hint = _plain(help_text, self)
            hint.setStyleSheet("color: #5a5a5a;")
            cell = QVBoxLayout()  # the hint just under its field (a row of its own left a tall gap above it)
            cell.setSpacing(2)
            cell.addWidget(widget)
            cell.addWidget(hint)
            form.addRow(label, cell)
        # The open clocks a change of rule set or timeframe moved, started or left without an equivalent (at the
        # top, where the user looks after saving).
        self.clock_report = _plain("", self)
        self.clock_report.setObjectName("settingsClockReport")
        self.clock_report.setStyleSheet("border: 1px solid #b07d00; padding: 4px;")
        self.clock_report.hide()
        layout.addWidget(self.clock_report)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.save_button = QPushButton(translate("Settings", "Save"), self)
        self.save_button.setObjectName("saveSettings")
        self.save_button.clicked.connect(self.save)
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        layout.addStretch(1)
        self.versions: dict[str, int] = {}
        self.loaded: dict[str, Any] = {}
        #: The read that fills this page (each page its own: a newer read drops an older one's result).
        self.load_key = f"settings-page-{'-'.join(groups)}"
        if read:
            self.reload()
        else:
            self.save_button.setEnabled(False)

    def _widget(self, info: Any) -> QWidget:
        if info.kind == "multiline":
            edit = QPlainTextEdit(self)
            edit.setMaximumHeight(80)
            return edit
        if info.kind == "choice":
            combo = QComboBox(self)
            for value, text in info.choices:
                combo.addItem(tr_data("SettingsValues", text), value)
            return combo
        if info.kind == "int":
            spin = QSpinBox(self)
            spin.setRange(info.minimum if info.minimum is not None else 0,
                          info.maximum if info.maximum is not None else 10_000)
            if info.unit:
                spin.setSuffix(" " + tr_data("SettingsValues", info.unit))
            return spin
        if info.kind == "bool":
            return QCheckBox(self)
        if info.kind == "logo":
            box = QWidget(self)
            line = QHBoxLayout(box)
            line.setContentsMargins(0, 0, 0, 0)
            self.logo_label = _plain("", box)
            choose = QPushButton(translate("Settings", "Choose…"), box)
            choose.clicked.connect(self.choose_logo)
            remove = QPushButton(translate("Settings", "Remove"), box)
            remove.clicked.connect(lambda: self.set_logo(None))
            line.addWidget(self.logo_label, 1)
            line.addWidget(choose)
            line.addWidget(remove)
            return box
        line_edit = QLineEdit(self)
        if info.max_length:
            line_edit.setMaxLength(info.max_length)
        return line_edit

    def _reload_logo(self) -> None:
        def show(snap: SettingsSnapshot) -> None:
            self.versions["logo"] = snap.versions["logo"]
            if hasattr(self, "logo_label"):
                self.logo_label.setText(snap.logo.describe() if snap.logo else translate("Settings", "No logo"))

        ops.load(self, self.ctx, lambda s: s.settings.snapshot(), show, key=f"{self.load_key}-logo")

    def reload(self) -> None:
        """Read the settings in the background; Save waits until they are shown."""
        if self.ctx.services is None:
            return
        self.save_button.setEnabled(False)
        ops.load(self, self.ctx, lambda s: s.settings.snapshot(), self.show_snapshot, key=self.load_key)

    def show_snapshot(self, snap: SettingsSnapshot) -> None:
        self.save_button.setEnabled(True)
        self.versions = dict(snap.versions)
        for info in self.infos:
            widget = self.widgets[info.key]
            if info.kind == "logo":
                self.logo_label.setText(snap.logo.describe() if snap.logo else translate("Settings", "No logo"))
                continue
            value = getattr(snap.settings, info.key)
            self.loaded[info.key] = value
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(str(value or ""))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value)))
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QLineEdit):
                widget.setText(str(value or ""))
        mark_shown(self)  # what was loaded (or just saved) is what the window shows: closing it loses nothing

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for info in self.infos:
            widget = self.widgets[info.key]
            if info.kind == "logo":
                continue
            if isinstance(widget, QPlainTextEdit):
                found[info.key] = widget.toPlainText()
            elif isinstance(widget, QComboBox):
                found[info.key] = info.choices[widget.currentIndex()][0] if widget.currentIndex() >= 0 else None
            elif isinstance(widget, QSpinBox):
                found[info.key] = widget.value()
            elif isinstance(widget, QCheckBox):
                found[info.key] = widget.isChecked()
            elif isinstance(widget, QLineEdit):
                found[info.key] = widget.text()
        return found

    def save(self, then: Callable[[], object] | None = None, failed_then: Callable[[], None] | None = None) -> bool:
        """Save what changed on the write thread against the versions shown (the button says "Saving…"); then
        ``then()``. A failure is shown above the page with the typing kept. True when saved, or on its way."""
        changes = {k: v for k, v in self.values().items() if v != self.loaded.get(k)}
        if not changes:
            self.error.hide()
            if then is not None:
                then()
            return True
        expected = {k: self.versions.get(k, 0) for k in changes}

        def start(report: Callable[[bool], None]) -> None:
            def done(result: SettingsResult) -> None:
                _saving(self.save_button, False)
                self.error.hide()
                for widget in self.widgets.values():
                    widget.setStyleSheet("")
                self.loaded.update(changes)  # what is shown is saved: closing the window loses nothing
                mark_shown(self)
                self._report_clocks(result.lines())
                self.ctx.bus.emit_changes(result.changes)
                self.reload()
                report(True)
                if then is not None:
                    then()

            def failed(exc: BaseException) -> None:
                _saving(self.save_button, False)
                report(False)
                if failed_then is not None:
                    failed_then()
                if not isinstance(exc, ScpdeskError):
                    ops.explain(self, exc)
                    return
                self._show_error(exc)
                if isinstance(exc, ConflictError):
                    # Keep what was typed; the versions now are the colleague's, so Save again applies it over theirs.
                    ops.load(self, self.ctx, lambda s: s.settings.versions(), self._take_versions,
                             key=f"{self.load_key}-versions")

            _saving(self.save_button, True)
            ops.save(self, self.ctx, lambda s: s.settings.save_moving(changes, expected=expected), done,
                     failed=failed)

        return _on_its_way(start)

    def _report_clocks(self, lines: list[str]) -> None:
        """Say which open clocks the saved change moved (none: nothing is said)."""
        if not lines:
            self.clock_report.hide()
            return
        shown = lines[:15]
        more = len(lines) - len(shown)
        text = translate("SettingsWindow", "Open clocks changed: {count}").format(count=len(lines)) + "\n" + "\n".join(
            shown)
        if more:
            text += "\n" + translate("SettingsWindow", "… and {count} more (scpdesk deadlines lists every clock)"
                                      ).format(count=more)
        self.clock_report.setText(text)
        self.clock_report.show()

    def _take_versions(self, versions: dict[str, int]) -> None:
        self.versions = dict(versions)

    def _show_error(self, exc: ScpdeskError) -> None:
        labels = {info.key: tr_data("SettingsValues", info.label) for info in self.infos}
        self.error.setText(error_text(exc, labels))
        self.error.show()
        bad = set(error_fields(exc)) if isinstance(exc, UserError) else set()
        for key, widget in self.widgets.items():
            widget.setStyleSheet(INVALID_STYLE if key in bad else "")

    def choose_logo_file(self) -> str:
        name = files.open_file(
            self,
            translate("Settings", "Choose the partnership's logo"),
            translate("Settings", "Images (*.png *.jpg *.jpeg)"),
            kind="image",
        )
        return name

    def choose_logo(self) -> bool:
        name = self.choose_logo_file()
        if not name:
            return False
        try:
            data = Path(name).read_bytes()
        except OSError as exc:
            plain_message(
                self,
                translate("Settings", "Logo"),
                translate("Settings", "The file could not be read: {reason}").format(reason=exc.strerror or exc),
            )
            return False
        return self.set_logo(data)

    def set_logo(self, data: bytes | None) -> bool:
        """Saved on the write thread against the logo's version as shown."""
        version = self.versions.get("logo", 0)

        def start(report: Callable[[bool], None]) -> None:
            def done(changes: Changes) -> None:
                report(True)
                self.ctx.bus.emit_changes(changes)
                self.reload()

            def failed(exc: BaseException) -> None:
                report(False)
                if not isinstance(exc, ScpdeskError):
                    ops.explain(self, exc)
                    return
                self._show_error(exc)
                if isinstance(exc, ConflictError):  # say who changed the logo and show theirs
                    self._reload_logo()

            ops.save(self, self.ctx, lambda s: s.settings.set_logo(data, expected_version=version), done,
                     failed=failed)

        return _on_its_way(start)


def read_pages(owner: QWidget, ctx: AppContext, pages: list[SettingsPage]) -> None:
    """One background read of the settings fills every page of a window (each page reads its own after a save)."""
    if ctx.services is None:
        return

    def show(snap: SettingsSnapshot) -> None:
        for page in pages:
            page.show_snapshot(snap)

    ops.load(owner, ctx, lambda s: s.settings.snapshot(), show, key=f"settings-window-{id(owner)}")


@dataclass(frozen=True)
class ClosureRow:
    id: int
    day: dt.date
    reason: str
    by: str
    #: The version of the list of closure days this row was shown from (passed back on removal).
    version: int = 0


class ClosuresPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.addWidget(
            _plain(
                translate(
                    "Settings",
                    "Local closure days are not working days for any clock. Adding or removing one moves "
                    "open clocks at once; you are told which.",
                ),
                self,
            )
        )
        self.model: RowTableModel[ClosureRow] = RowTableModel(
            [
                Column("day", translate("Settings", "Day"), lambda r: r.day, width=140),
                Column("reason", translate("Settings", "Reason"), lambda r: r.reason, width=320),
                Column("by", translate("Settings", "Added by"), lambda r: r.by, width=140),
            ],
            self,
        )
        self.view = _table(self.model, self)
        layout.addWidget(self.view, 1)
        self.moved = QPlainTextEdit(self)
        self.moved.setObjectName("movedClocks")
        self.moved.setReadOnly(True)
        self.moved.setMaximumHeight(120)
        self.moved.setPlaceholderText(translate("Settings", "Clocks moved by your last change appear here."))
        layout.addWidget(self.moved)
        row = QHBoxLayout()
        for text, handler in (
            (translate("Settings", "Add…"), self.add),
            (translate("Settings", "Remove"), self.remove),
            (translate("Settings", "Import…"), self.import_file),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(handler)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        if self.ctx.services is None:
            return
        ops.load(self, self.ctx, lambda s: s.settings.closures(), lambda closures: self.model.set_rows([
            ClosureRow(c.id, c.day, c.reason, c.updated_by, c.version) for c in closures]), key="closure-days")

    def _report(self, result: ClosureResult) -> None:
        self.ctx.bus.emit_changes(result.changes)
        lines = [translate("Settings", "{reference}: {clock} moved from {old} to {new}").format(
            reference=m.reference, clock=m.clock, old=_d(m.old_due), new=_d(m.new_due)) for m in result.moved]
        self.moved.setPlainText("\n".join(lines) if lines else translate("Settings", "No open clock moved."))
        self.reload()

    def add(self) -> bool:
        """Saved on the write thread (the form says "Saving…" and closes only once saved)."""
        services = self.ctx.services
        assert services is not None
        result = FormDialog.ask(
            self,
            translate("Settings", "Add a closure day"),
            [Field("day", translate("Settings", "Day"), "date"), Field("reason", translate("Settings", "Reason"))],
            lambda v: services.settings.add_closure(v["day"], v["reason"]),
            tasks=self.ctx.tasks,
        )
        if result is None:
            return False
        self._report(result)
        return True

    def remove(self) -> bool:
        rows = self.view.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        if row is None:
            plain_message(self, translate("Settings", "Closure days"), translate("Settings", "Choose a day first."))
            return False
        day, version = row.day, row.version

        def refused(exc: BaseException) -> None:
            _say(self, translate("Settings", "Closure days"), exc)
            if isinstance(exc, ConflictError):  # say who, show the list as it is now; remove again if wanted
                self.reload()

        return self._change(lambda s: s.settings.remove_closure(day, version), refused)

    def _change(self, fn: Callable[[Services], ClosureResult], refused: Callable[[BaseException], None]) -> bool:
        """A change of the closure days on the write thread; its report (which clocks moved) when done."""
        def start(report: Callable[[bool], None]) -> None:
            def done(result: ClosureResult) -> None:
                report(True)
                self._report(result)

            def failed(exc: BaseException) -> None:
                report(False)
                refused(exc)

            ops.save(self, self.ctx, fn, done, failed=failed)

        return _on_its_way(start)

    def choose_file(self) -> str:
        name = files.open_file(
            self,
            translate("Settings", "Import closure days"),
            translate("Settings", "Spreadsheets (*.csv *.xlsx)"),
            kind="import",
        )
        return name

    def import_file(self) -> bool:
        """Imported on the write thread (all or nothing)."""
        name = self.choose_file()
        if not name:
            return False

        def refused(exc: BaseException) -> None:
            if isinstance(exc, ScpdeskError):
                plain_message(
                    self,
                    translate("Settings", "Nothing was imported"),
                    translate("Settings", "{reason}\n\nNothing was imported.").format(reason=exc),
                )
            else:
                ops.explain(self, exc)

        return self._change(lambda s: s.settings.import_closures(name), refused)


#: The choices a directory form offers (e.g. the agencies a person may belong to), read with the list.
Choices = list[tuple[Any, str]]


class DirectoryPage(QWidget):
    """A list with Add, Edit, Retire and Restore (retiring keeps history). The list, and the choices a form
    offers when it opens (current then), are read in the background; every change is saved on the write
    thread."""

    def __init__(self, ctx: AppContext, columns: list[Column[Any]], load: Callable[[Services], list[Any]],
                 fields: Callable[[Any, Choices], list[Field]], add: Callable[[Services, dict[str, Any]], Changes],
                 edit: Callable[[Services, Any, dict[str, Any]], Changes],
                 retire: Callable[[Services, Any], Changes], restore: Callable[[Services, Any], Changes],
                 intro: str, parent: QWidget | None = None, *,
                 choices: Callable[[Services], Choices] | None = None, key: str = "directory") -> None:
        super().__init__(parent)
        self.ctx, self.load, self.fields, self.choices_of, self.key = ctx, load, fields, choices, key
        self._add, self._edit, self._retire, self._restore = add, edit, retire, restore
        layout = QVBoxLayout(self)
        layout.addWidget(_plain(intro, self))
        self.model: RowTableModel[Any] = RowTableModel(columns, self)
        self.view = _table(self.model, self)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        for text, handler in (
            (translate("Settings", "Add…"), self.add),
            (translate("Settings", "Edit…"), self.edit),
            (translate("Settings", "Retire"), self.retire),
            (translate("Settings", "Restore"), self.restore),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(handler)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.reload()

    def reload(self, then: Callable[[], None] | None = None) -> None:
        """Read the list (and the forms' choices) in the background; ``then()`` once shown."""
        if self.ctx.services is None:
            return
        load = self.load

        def show(rows: list[Any]) -> None:
            self.model.set_rows(rows)
            if then is not None:
                then()

        ops.load(self, self.ctx, load, show, key=self.key)

    def _with_choices(self, ask: Callable[[Choices], bool]) -> bool:
        """``ask(choices)`` once the form's choices are read (in the background), or at once if it has none."""
        choices_of = self.choices_of
        if choices_of is None:
            return ask([])
        return ops.load_then(self, self.ctx, choices_of, ask, key=f"{self.key}-choices")

    def _services(self) -> Services:
        assert self.ctx.services is not None
        return self.ctx.services

    def selected(self) -> Any:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _done(self, changes: Changes | None) -> bool:
        if changes is None:
            return False
        self.ctx.bus.emit_changes(changes)
        self.reload()
        return True

    def add(self) -> bool:
        services = self._services()
        return self._with_choices(
            lambda choices: self._done(
                FormDialog.ask(
                    self,
                    translate("Settings", "Add"),
                    self.fields(None, choices),
                    lambda v: self._add(services, v),
                    tasks=self.ctx.tasks,
                )
            )
        )

    def edit(self) -> bool:
        item = self.selected()
        if item is None:
            plain_message(self, translate("Settings", "Directory"), translate("Settings", "Choose one first."))
            return False
        services = self._services()
        shown = [item]  # the record as the form showed it: its version goes with the save

        def refreshed() -> None:
            """After a conflict (the form names who): the list reloads, and once the colleague's version is
            shown, Save again applies the typing over it."""
            def take() -> None:
                fresh = next((r for r in self.model.all_rows if r.id == item.id), None)
                if fresh is not None:
                    shown[0] = fresh

            self.reload(take)

        return self._with_choices(
            lambda choices: self._done(
                FormDialog.ask(
                    self,
                    translate("Settings", "Edit"),
                    self.fields(item, choices),
                    lambda v: self._edit(services, shown[0], v),
                    on_conflict=refreshed,
                    tasks=self.ctx.tasks,
                )
            )
        )

    def _simple(self, call: Callable[[Services, Any], Changes]) -> bool:
        item = self.selected()
        if item is None:
            plain_message(self, translate("Settings", "Directory"), translate("Settings", "Choose one first."))
            return False

        def start(report: Callable[[bool], None]) -> None:
            def done(changes: Changes) -> None:
                report(self._done(changes))

            def failed(exc: BaseException) -> None:
                report(False)
                _say(self, translate("Settings", "Directory"), exc)
                self.reload()

            ops.save(self, self.ctx, lambda s: call(s, item), done, failed=failed)

        return _on_its_way(start)

    def retire(self) -> bool:
        return self._simple(self._retire)

    def restore(self) -> bool:
        return self._simple(self._restore)


def agencies_page(ctx: AppContext, parent: QWidget) -> DirectoryPage:
    from ..services.organisation.directory import AGENCY_KIND_LABELS

    kinds: Choices = list(AGENCY_KIND_LABELS.items())
    return DirectoryPage(
        ctx,
        [
            Column("name", translate("Settings", "Agency"), lambda a: a.name, width=320),
            Column("kind", translate("Settings", "Type"), lambda a: tr_data("AgencyKinds", a.kind_label), width=180),
            Column("retired", translate("Settings", "Retired"), lambda a: a.retired_on, width=130),
        ],
        lambda s: s.directory.agencies(include_retired=True),
        lambda a, _choices: [
            Field("name", translate("Settings", "Name"), default=a.name if a else ""),
            Field("kind", translate("Settings", "Type"), "choice", a.kind if a else None, options=kinds),
        ],
        lambda s, v: s.directory.add_agency(v["name"], v["kind"])[1],
        lambda s, a, v: s.directory.update_agency(a.id, a.version, name=v["name"], kind=v["kind"]),
        lambda s, a: s.directory.retire_agency(a.id, expected_version=a.version),
        lambda s, a: s.directory.restore_agency(a.id, expected_version=a.version),
        translate(
            "Settings",
            "Agencies involved in referrals, own actions and send people to meetings. The local authority, police "
            "and ICB types decide a meeting's quorum. Retiring keeps every record that names the agency.",
        ),
        parent,
        key="directory-agencies",
    )


def people_page(ctx: AppContext, parent: QWidget) -> DirectoryPage:
    from ..services.organisation.directory import PersonInput

    def agencies(s: Services) -> Choices:
        return [(None, "—"), *[(a.id, a.name) for a in s.directory.agencies()]]

    def person(v: dict[str, Any]) -> PersonInput:
        return PersonInput(v["name"], v["role"], v["agency"], v["email"], v["panel"], v["qas"], v["login"])

    return DirectoryPage(
        ctx,
        [
            Column("name", translate("Settings", "Name"), lambda p: p.name, width=200),
            Column("role", translate("Settings", "Role"), lambda p: p.role, width=200),
            Column("agency", translate("Settings", "Agency"), lambda p: p.agency, width=240),
            Column("email", translate("Settings", "Email"), lambda p: p.email, width=220),
            Column("login", translate("Settings", "Signs in as"), lambda p: p.login, width=160),
            Column("panel", translate("Settings", "Panel"), lambda p: p.panel_member, width=60),
            Column("qas", translate("Settings", "QA&S"), lambda p: p.qas_member, width=60),
            Column("retired", translate("Settings", "Retired"), lambda p: p.retired_on, width=120),
        ],
        lambda s: s.directory.people(include_retired=True),
        lambda p, choices: [
            Field("name", translate("Settings", "Name"), default=p.name if p else ""),
            Field("role", translate("Settings", "Role"), default=p.role if p else ""),
            Field("agency", translate("Settings", "Agency"), "choice", p.agency_id if p else None, options=choices),
            Field("email", translate("Settings", "Email"), default=p.email if p else ""),
            Field(
                "login",
                translate("Settings", "Signs in as"),
                default=p.login if p else "",
                hint=translate(
                    "Settings",
                    "The account they sign in to scpdesk with (e.g. NORTHSHIRE\\akhan): the "
                    'Today view\'s "Mine" shows what they or their agency own.',
                ),
            ),
            Field("panel", translate("Settings", "Rapid Review Panel member"), "bool", p.panel_member if p else False),
            Field("qas", translate("Settings", "QA&S group member"), "bool", p.qas_member if p else False),
        ],
        lambda s, v: s.directory.add_person(person(v))[1],
        lambda s, p, v: s.directory.update_person(p.id, p.version, person(v)),
        lambda s, p: s.directory.retire_person(p.id, expected_version=p.version),
        lambda s, p: s.directory.restore_person(p.id, expected_version=p.version),
        translate(
            "Settings",
            "People who chair, attend or present at meetings and own actions. Retiring keeps past meetings intact.",
        ),
        parent,
        choices=agencies,
        key="directory-people",
    )


class RemindersPage(QWidget):
    """Reminders of the Today items newly overdue or due tomorrow: on or off, for this user on this computer
    (kept in the user's settings file at once; nothing is sent anywhere)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        from .reminders import ReminderStore

        super().__init__(parent)
        self.store = ReminderStore(ctx.settings)
        layout = QVBoxLayout(self)
        self.enabled = QCheckBox(translate("Settings", "Remind me of items newly overdue or due tomorrow"), self)
        self.enabled.setObjectName("remindersEnabled")
        self.enabled.setChecked(self.store.enabled())
        self.enabled.toggled.connect(self.store.set_enabled)
        layout.addWidget(self.enabled)
        about = _plain(
            translate(
                "Settings",
                "At start, every hour and each new day, a desktop notification (or a line in the status bar "
                "when the desktop has none) says how many Today items are newly overdue or due on the next "
                "working day. Snooze an item from the Today view (right-click, or Snooze until…). This is "
                "your own setting on this computer; nothing is sent anywhere.",
            ),
            self,
        )
        layout.addWidget(about)
        layout.addStretch(1)


class SettingsWindow(DiscardGuard, QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Settings", "Settings"))
        self.setObjectName("settingsWindow")
        self.ctx = ctx
        self.pages_list = QListWidget(self)
        self.pages_list.setMaximumWidth(190)
        self.stack = QStackedWidget(self)
        self.pages: dict[str, QWidget] = {}
        settings_pages = [SettingsPage(ctx, groups, self, read=False) for _, groups in PAGE_GROUPS]
        read_pages(self, ctx, settings_pages)
        for (title, _), page in zip(PAGE_GROUPS, settings_pages, strict=True):
            self._add(title, page)
        self._add(QT_TRANSLATE_NOOP("Settings", "Closure days"), ClosuresPage(ctx, self))
        self._add(QT_TRANSLATE_NOOP("Settings", "Agencies"), agencies_page(ctx, self))
        self._add(QT_TRANSLATE_NOOP("Settings", "People"), people_page(ctx, self))
        self.pages_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.pages_list.setCurrentRow(0)
        body = QHBoxLayout()
        body.addWidget(self.pages_list)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        reason = ctx.services.access.why_not("admin") if ctx.services is not None else ""
        if reason:  # readable, not changeable: the pages are shown disabled under the explanation
            layout.addWidget(reason_label(reason, self))
            for shown in self.pages.values():
                restrict(shown, reason)
        # This computer's own preferences (the user's settings file): never restricted by the partnership's roles.
        self._add(QT_TRANSLATE_NOOP("Settings", "Reminders"), RemindersPage(ctx, self))
        layout.addLayout(body, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(1000, 680)
        fit_dialog(self)  # grows to its content within the screen; resizable

    def _add(self, title: str, page: QWidget) -> None:
        """``title`` (English, marked in context "Settings") keys the page; the list shows it translated."""
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        self.pages[title] = page
        self.pages_list.addItem(translate("Settings", title))
        self.stack.addWidget(scroll)

    def show_page(self, title: str) -> None:
        self.pages_list.setCurrentRow(list(self.pages).index(title))

    @classmethod
    def open_for(cls, parent: QWidget | None, ctx: AppContext, *, page: str | None = None) -> None:
        """The window, on ``page`` (a title of the list on its left) when given."""
        window = cls(ctx, parent)
        if page is not None:
            window.show_page(page)
        window.exec()


class FirstRunDialog(DiscardGuard, QDialog):
    """A short set-up the first time scpdesk opens a database with no partnership profile: the name and
    the markings. It never blocks scripts or ``create_main_window``; Skip keeps the defaults for now."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Settings", "Set up scpdesk for your partnership"))
        self.setObjectName("firstRunDialog")
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.addWidget(
            _plain(
                translate(
                    "Settings",
                    "Welcome. Tell scpdesk which partnership it works for; documents carry this name "
                    "and markings. Everything else can be set later under Settings.",
                ),
                self,
            )
        )
        self.page = SettingsPage(ctx, ("Partnership",), self, read=False)
        self.page.save_button.hide()
        self.documents = SettingsPage(ctx, ("Documents",), self, read=False)
        read_pages(self, ctx, [self.page, self.documents])
        self.documents.save_button.hide()
        layout.addWidget(self.page)
        layout.addWidget(self.documents)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(
            translate("Settings", "Save and start"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(translate("Settings", "Skip for now"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 640)
        fit_dialog(self)  # grows to its content within the screen; resizable

    def try_save(self) -> None:
        """Both pages saved one after the other on the write thread; the dialog closes only once both are."""
        self.save_button.setEnabled(False)

        def again() -> None:  # a page's save failed: its message shows above it, the typing is kept
            self.save_button.setEnabled(True)

        self.page.save(then=lambda: self.documents.save(then=self.accept, failed_then=again), failed_then=again)

    @classmethod
    def offer(cls, parent: QWidget | None, ctx: AppContext) -> bool:
        """Show the set-up when the partnership profile is missing (read in the background first); True if it
        was saved there and then (the tests' immediate runner) or the question is on its way."""
        if ctx.services is None or not ctx.services.access.admin:  # only an administrator could save it
            return False
        owner = parent if parent is not None else ctx.bus

        def ask(configured: bool) -> bool:
            if configured:
                return False
            return cls(ctx, parent).exec() == QDialog.DialogCode.Accepted

        return ops.load_then(owner, ctx, lambda s: s.settings.current().is_configured, ask, key="first-run")
