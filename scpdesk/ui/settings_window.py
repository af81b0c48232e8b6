"""The Settings window: partnership profile, documents, timeframes, retention, closure days, agencies and
people. Every change is validated by the services (messages name the field), audited, and takes effect at
once (the change bus tells every tab to refresh)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
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

from ..errors import ConflictError, ScpdeskError
from ..services.dto import Changes
from .access import reason_label, restrict
from .context import AppContext
from .discard import DiscardGuard, mark_shown
from .forms import INVALID_STYLE, Field, FormDialog, error_fields, error_text, plain_message
from .table_model import Column, RowTableModel
from .widgets import day as _d
from .widgets import plain as _plain
from .widgets import table as _table

#: Settings pages: the title and the setting groups (scpdesk.services.settings.SETTING_KEYS) each shows.
PAGE_GROUPS = (("Partnership", ("Partnership",)), ("Documents", ("Documents",)),
               ("Timeframes", ("Rules", "Timeframes")), ("Retention", ("Retention",)),
               ("Security", ("Security",)))


def _sctx(ctx: AppContext) -> Any:
    assert ctx.services is not None
    return ctx.services.ctx


class SettingsPage(QWidget):
    """The settings of one group, edited together and saved against the versions they were read at."""

    def __init__(self, ctx: AppContext, groups: tuple[str, ...], parent: QWidget | None = None) -> None:
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
            widget.setToolTip(info.help)
            self.widgets[info.key] = widget
            label = QLabel(info.label + (" *" if info.required else ""), self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setToolTip(info.help)
            form.addRow(label, widget)
            hint = _plain(info.help, self)
            hint.setStyleSheet("color: #5a5a5a;")
            form.addRow("", hint)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.save_button = QPushButton("Save", self)
        self.save_button.setObjectName("saveSettings")
        self.save_button.clicked.connect(self.save)
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        layout.addStretch(1)
        self.versions: dict[str, int] = {}
        self.loaded: dict[str, Any] = {}
        self.reload()

    def _widget(self, info: Any) -> QWidget:
        if info.kind == "multiline":
            edit = QPlainTextEdit(self)
            edit.setMaximumHeight(80)
            return edit
        if info.kind == "choice":
            combo = QComboBox(self)
            for value, text in info.choices:
                combo.addItem(text, value)
            return combo
        if info.kind == "int":
            spin = QSpinBox(self)
            spin.setRange(info.minimum if info.minimum is not None else 0,
                          info.maximum if info.maximum is not None else 10_000)
            if info.unit:
                spin.setSuffix(f" {info.unit}")
            return spin
        if info.kind == "bool":
            return QCheckBox(self)
        if info.kind == "logo":
            box = QWidget(self)
            line = QHBoxLayout(box)
            line.setContentsMargins(0, 0, 0, 0)
            self.logo_label = _plain("", box)
            choose = QPushButton("Choose…", box)
            choose.clicked.connect(self.choose_logo)
            remove = QPushButton("Remove", box)
            remove.clicked.connect(lambda: self.set_logo(None))
            line.addWidget(self.logo_label, 1)
            line.addWidget(choose)
            line.addWidget(remove)
            return box
        edit = QLineEdit(self)
        if info.max_length:
            edit.setMaxLength(info.max_length)
        return edit

    def _reload_logo(self) -> None:
        from ..services.settings import settings_snapshot

        snap = settings_snapshot(_sctx(self.ctx))
        self.versions["logo"] = snap.versions["logo"]
        if hasattr(self, "logo_label"):
            self.logo_label.setText(snap.logo.describe() if snap.logo else "No logo")

    def reload(self) -> None:
        from ..services.settings import settings_snapshot

        snap = settings_snapshot(_sctx(self.ctx))
        self.versions = dict(snap.versions)
        for info in self.infos:
            widget = self.widgets[info.key]
            if info.kind == "logo":
                self.logo_label.setText(snap.logo.describe() if snap.logo else "No logo")
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

    def save(self) -> bool:
        from ..services.settings import save_settings

        changes = {k: v for k, v in self.values().items() if v != self.loaded.get(k)}
        if not changes:
            self.error.hide()
            return True
        try:
            result = save_settings(_sctx(self.ctx), changes, expected={k: self.versions.get(k, 0) for k in changes})
        except ConflictError as exc:
            self._show_error(exc)
            # Keep what was typed; the versions now are the colleague's, so Save again applies it over theirs.
            from ..services.settings import settings_versions

            self.versions = dict(settings_versions(_sctx(self.ctx)))
            return False
        except ScpdeskError as exc:
            self._show_error(exc)
            return False
        self.error.hide()
        for widget in self.widgets.values():
            widget.setStyleSheet("")
        self.ctx.bus.emit_changes(result)
        self.reload()
        return True

    def _show_error(self, exc: ScpdeskError) -> None:
        labels = {info.key: info.label for info in self.infos}
        self.error.setText(error_text(exc, labels))
        self.error.show()
        bad = set(error_fields(exc)) if hasattr(exc, "field") else set()
        for key, widget in self.widgets.items():
            widget.setStyleSheet(INVALID_STYLE if key in bad else "")

    def choose_logo_file(self) -> str:
        name, _ = QFileDialog.getOpenFileName(self, "Choose the partnership's logo", "", "Images (*.png *.jpg *.jpeg)")
        return name

    def choose_logo(self) -> bool:
        name = self.choose_logo_file()
        if not name:
            return False
        try:
            data = Path(name).read_bytes()
        except OSError as exc:
            plain_message(self, "Logo", f"The file could not be read: {exc.strerror or exc}")
            return False
        return self.set_logo(data)

    def set_logo(self, data: bytes | None) -> bool:
        from ..services.logo import set_logo

        try:
            changes = set_logo(_sctx(self.ctx), data, expected_version=self.versions.get("logo", 0))
        except ConflictError as exc:
            # Say who changed the logo and show theirs; choosing again applies yours over it.
            self._show_error(exc)
            self._reload_logo()
            return False
        except ScpdeskError as exc:
            self._show_error(exc)
            return False
        self.ctx.bus.emit_changes(changes)
        self.reload()
        return True


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
        layout.addWidget(_plain("Local closure days are not working days for any clock. Adding or removing one moves "
                                "open clocks at once; you are told which.", self))
        self.model: RowTableModel[ClosureRow] = RowTableModel([
            Column("day", "Day", lambda r: r.day, width=140), Column("reason", "Reason", lambda r: r.reason, width=320),
            Column("by", "Added by", lambda r: r.by, width=140)], self)
        self.view = _table(self.model, self)
        layout.addWidget(self.view, 1)
        self.moved = QPlainTextEdit(self)
        self.moved.setObjectName("movedClocks")
        self.moved.setReadOnly(True)
        self.moved.setMaximumHeight(120)
        self.moved.setPlaceholderText("Clocks moved by your last change appear here.")
        layout.addWidget(self.moved)
        row = QHBoxLayout()
        for text, handler in (("Add…", self.add), ("Remove", self.remove), ("Import…", self.import_file)):
            button = QPushButton(text, self)
            button.clicked.connect(handler)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        from ..services.closures import list_closures

        self.model.set_rows([ClosureRow(c.id, c.day, c.reason, c.updated_by, c.version)
                             for c in list_closures(_sctx(self.ctx))])

    def _report(self, result: Any) -> None:
        self.ctx.bus.emit_changes(result.changes)
        lines = [f"{m.reference}: {m.clock} moved from {_d(m.old_due)} to {_d(m.new_due)}" for m in result.moved]
        self.moved.setPlainText("\n".join(lines) if lines else "No open clock moved.")
        self.reload()

    def add(self) -> bool:
        from ..services.closures import add_closure

        def call(v: dict[str, Any]) -> Changes:
            result = add_closure(_sctx(self.ctx), v["day"], v["reason"])
            self._report(result)
            return result.changes

        return FormDialog.ask(self, "Add a closure day", [Field("day", "Day", "date"), Field("reason", "Reason")],
                              call) is not None

    def remove(self) -> bool:
        from ..services.closures import remove_closure

        rows = self.view.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        if row is None:
            plain_message(self, "Closure days", "Choose a day first.")
            return False
        try:
            self._report(remove_closure(_sctx(self.ctx), row.day, row.version))
        except ConflictError as exc:
            # The list changed since it was shown: say who, show the list as it is now; remove again if still wanted.
            plain_message(self, "Closure days", str(exc))
            self.reload()
            return False
        except ScpdeskError as exc:
            plain_message(self, "Closure days", str(exc))
            return False
        return True

    def choose_file(self) -> str:
        name, _ = QFileDialog.getOpenFileName(self, "Import closure days", "", "Spreadsheets (*.csv *.xlsx)")
        return name

    def import_file(self) -> bool:
        from ..services.closures import import_closures

        name = self.choose_file()
        if not name:
            return False
        try:
            self._report(import_closures(_sctx(self.ctx), name))
        except ScpdeskError as exc:
            plain_message(self, "Nothing was imported", f"{exc}\n\nNothing was imported.")
            return False
        return True


class DirectoryPage(QWidget):
    """A list with Add, Edit, Retire and Restore (retiring keeps history)."""

    def __init__(self, ctx: AppContext, columns: list[Column[Any]], load: Callable[[], list[Any]],
                 fields: Callable[[Any], list[Field]], add: Callable[[dict[str, Any]], Changes],
                 edit: Callable[[Any, dict[str, Any]], Changes], retire: Callable[[Any], Changes],
                 restore: Callable[[Any], Changes], intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.load, self.fields = ctx, load, fields
        self._add, self._edit, self._retire, self._restore = add, edit, retire, restore
        layout = QVBoxLayout(self)
        layout.addWidget(_plain(intro, self))
        self.model: RowTableModel[Any] = RowTableModel(columns, self)
        self.view = _table(self.model, self)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        for text, handler in (("Add…", self.add), ("Edit…", self.edit), ("Retire", self.retire),
                              ("Restore", self.restore)):
            button = QPushButton(text, self)
            button.clicked.connect(handler)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(self.load())

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
        return self._done(FormDialog.ask(self, "Add", self.fields(None), self._add))

    def edit(self) -> bool:
        item = self.selected()
        if item is None:
            plain_message(self, "Directory", "Choose one first.")
            return False
        shown = [item]  # the record as the form showed it: its version goes with the save

        def refreshed() -> None:
            """After a conflict (the form names who): the list reloads, and Save again applies the typing over
            the colleague's version, which the error message has just told the user about."""
            self.reload()
            fresh = next((r for r in self.model.all_rows if r.id == item.id), None)
            if fresh is not None:
                shown[0] = fresh

        return self._done(FormDialog.ask(self, "Edit", self.fields(item), lambda v: self._edit(shown[0], v),
                                         on_conflict=refreshed))

    def _simple(self, call: Callable[[Any], Changes]) -> bool:
        item = self.selected()
        if item is None:
            plain_message(self, "Directory", "Choose one first.")
            return False
        try:
            return self._done(call(item))
        except ScpdeskError as exc:
            plain_message(self, "Directory", str(exc))
            self.reload()
            return False

    def retire(self) -> bool:
        return self._simple(self._retire)

    def restore(self) -> bool:
        return self._simple(self._restore)


def agencies_page(ctx: AppContext, parent: QWidget) -> DirectoryPage:
    from ..services import directory as d

    def kinds() -> list[tuple[Any, str]]:
        return list(d.AGENCY_KIND_LABELS.items())

    return DirectoryPage(
        ctx,
        [Column("name", "Agency", lambda a: a.name, width=320),
         Column("kind", "Type", lambda a: a.kind_label, width=180),
         Column("retired", "Retired", lambda a: a.retired_on, width=130)],
        lambda: d.list_agencies(_sctx(ctx), include_retired=True),
        lambda a: [Field("name", "Name", default=a.name if a else ""),
                   Field("kind", "Type", "choice", a.kind if a else None, options=kinds())],
        lambda v: d.add_agency(_sctx(ctx), v["name"], v["kind"])[1],
        lambda a, v: d.update_agency(_sctx(ctx), a.id, a.version, name=v["name"], kind=v["kind"]),
        lambda a: d.retire_agency(_sctx(ctx), a.id, _sctx(ctx).today(), expected_version=a.version),
        lambda a: d.restore_agency(_sctx(ctx), a.id, expected_version=a.version),
        "Agencies involved in referrals, own actions and send people to meetings. The local authority, police "
        "and ICB types decide a meeting's quorum. Retiring keeps every record that names the agency.", parent)


def people_page(ctx: AppContext, parent: QWidget) -> DirectoryPage:
    from ..services import directory as d

    def agencies() -> list[tuple[Any, str]]:
        return [(None, "—"), *[(a.id, a.name) for a in d.list_agencies(_sctx(ctx))]]

    def person(v: dict[str, Any]) -> Any:
        return d.PersonInput(v["name"], v["role"], v["agency"], v["email"], v["panel"], v["qas"])

    return DirectoryPage(
        ctx,
        [Column("name", "Name", lambda p: p.name, width=200), Column("role", "Role", lambda p: p.role, width=200),
         Column("agency", "Agency", lambda p: p.agency, width=240),
         Column("email", "Email", lambda p: p.email, width=220),
         Column("panel", "Panel", lambda p: p.panel_member, width=60),
         Column("qas", "QA&S", lambda p: p.qas_member, width=60),
         Column("retired", "Retired", lambda p: p.retired_on, width=120)],
        lambda: d.people(_sctx(ctx), include_retired=True),
        lambda p: [Field("name", "Name", default=p.name if p else ""),
                   Field("role", "Role", default=p.role if p else ""),
                   Field("agency", "Agency", "choice", p.agency_id if p else None, options=agencies()),
                   Field("email", "Email", default=p.email if p else ""),
                   Field("panel", "Rapid Review Panel member", "bool", p.panel_member if p else False),
                   Field("qas", "QA&S group member", "bool", p.qas_member if p else False)],
        lambda v: d.add_person(_sctx(ctx), person(v))[1],
        lambda p, v: d.update_person(_sctx(ctx), p.id, p.version, person(v)),
        lambda p: d.retire_person(_sctx(ctx), p.id, _sctx(ctx).today(), expected_version=p.version),
        lambda p: d.restore_person(_sctx(ctx), p.id, expected_version=p.version),
        "People who chair, attend or present at meetings and own actions. Retiring keeps past meetings intact.",
        parent)


class SettingsWindow(DiscardGuard, QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setObjectName("settingsWindow")
        self.ctx = ctx
        self.pages_list = QListWidget(self)
        self.pages_list.setMaximumWidth(190)
        self.stack = QStackedWidget(self)
        self.pages: dict[str, QWidget] = {}
        for title, groups in PAGE_GROUPS:
            self._add(title, SettingsPage(ctx, groups, self))
        self._add("Closure days", ClosuresPage(ctx, self))
        self._add("Agencies", agencies_page(ctx, self))
        self._add("People", people_page(ctx, self))
        self.pages_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.pages_list.setCurrentRow(0)
        body = QHBoxLayout()
        body.addWidget(self.pages_list)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        reason = ctx.services.access.why_not("admin") if ctx.services is not None else ""
        if reason:  # readable, not changeable: the pages are shown disabled under the explanation
            layout.addWidget(reason_label(reason, self))
            for page in self.pages.values():
                restrict(page, reason)
        layout.addLayout(body, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(1000, 680)

    def _add(self, title: str, page: QWidget) -> None:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        self.pages[title] = page
        self.pages_list.addItem(title)
        self.stack.addWidget(scroll)

    def show_page(self, title: str) -> None:
        self.pages_list.setCurrentRow(list(self.pages).index(title))

    @classmethod
    def open(cls, parent: QWidget | None, ctx: AppContext) -> None:
        cls(ctx, parent).exec()


class FirstRunDialog(DiscardGuard, QDialog):
    """A short set-up the first time scpdesk opens a database with no partnership profile: the name and
    the markings. It never blocks scripts or ``create_main_window``; Skip keeps the defaults for now."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Set up scpdesk for your partnership")
        self.setObjectName("firstRunDialog")
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.addWidget(_plain("Welcome. Tell scpdesk which partnership it works for; documents carry this name "
                                "and markings. Everything else can be set later under Settings.", self))
        self.page = SettingsPage(ctx, ("Partnership",), self)
        self.page.save_button.hide()
        self.documents = SettingsPage(ctx, ("Documents",), self)
        self.documents.save_button.hide()
        layout.addWidget(self.page)
        layout.addWidget(self.documents)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton("Save and start", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Skip for now", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 640)

    def try_save(self) -> None:
        if self.page.save() and self.documents.save():
            self.accept()

    @classmethod
    def offer(cls, parent: QWidget | None, ctx: AppContext) -> bool:
        """Show the set-up when the partnership profile is missing; True if it was saved."""
        from ..services.settings import get_settings

        if ctx.services is None or get_settings(ctx.services.ctx).is_configured:
            return False
        if not ctx.services.access.admin:  # only an administrator could save it (scpdesk_admin)
            return False
        return cls(ctx, parent).exec() == QDialog.DialogCode.Accepted
