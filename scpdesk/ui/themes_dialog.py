"""Manage the theme list: add, rename, merge (links kept) and retire. Retired themes keep their history."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ..errors import ScpdeskError
from ..services.dto import Changes
from . import ops
from .context import AppContext
from .discard import DiscardGuard
from .forms import Field, FormDialog, plain_message
from .i18n import translate
from .sizing import fit_dialog
from .table_model import Column, RowTableModel
from .widgets import table as _table

if TYPE_CHECKING:
    from ..services.library.library import ThemeInfo
    from ..services.registry import Services


class ThemesDialog(DiscardGuard, QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ThemesDialog", "Themes"))
        self.setObjectName("themesDialog")
        self.ctx = ctx
        self.model: RowTableModel[Any] = RowTableModel([
            Column("name", translate("ThemesDialog", "Theme"), lambda t: t.name, width=340),
            Column("reviews", translate("ThemesDialog", "Reviews"), lambda t: t.reviews, width=80),
            Column("state", "", lambda t: translate("ThemesDialog", "Retired") if t.retired else "", width=80)], self)
        self.view = _table(self.model, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        for text, handler in ((translate("ThemesDialog", "Add…"), self.add),
                              (translate("ThemesDialog", "Rename…"), self.rename),
                              (translate("ThemesDialog", "Merge into…"), self.merge),
                              (translate("ThemesDialog", "Retire"), self.retire)):
            button = QPushButton(text, self)
            button.clicked.connect(handler)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(560, 520)
        fit_dialog(self)  # grows to its content within the screen; resizable
        self.reload()

    def _services(self) -> Services:
        assert self.ctx.services is not None
        return self.ctx.services

    def reload(self, then: Callable[[], None] | None = None) -> None:
        """Read the themes (with their counts) in the background; ``then()`` once shown."""
        if self.ctx.services is None:
            return

        def show(themes: list[ThemeInfo]) -> None:
            self.model.set_rows(themes)
            if then is not None:
                then()

        ops.load(self, self.ctx, lambda s: s.directory.themes(), show, key="themes-dialog")

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
        return self._done(FormDialog.ask(self, translate("ThemesDialog", "Add a theme"),
                                         [Field("name", translate("ThemesDialog", "Theme"))],
                                         lambda v: services.directory.add_theme(v["name"])[1], tasks=self.ctx.tasks))

    def rename(self) -> bool:
        theme = self.selected()
        if theme is None:
            plain_message(self, translate("ThemesDialog", "Themes"), translate("ThemesDialog", "Choose a theme first."))
            return False
        services, shown = self._services(), self._as_shown()
        return self._done(FormDialog.ask(
            self, translate("ThemesDialog", "Rename the theme"),
            [Field("name", translate("ThemesDialog", "New name"), default=theme.name)],
            lambda v: services.directory.rename_theme(theme.id, shown[theme.id].version, v["name"]),
            on_conflict=lambda: self._refresh(shown), tasks=self.ctx.tasks))

    def merge(self) -> bool:
        theme = self.selected()
        if theme is None:
            plain_message(self, translate("ThemesDialog", "Themes"),
                          translate("ThemesDialog", "Choose the theme to merge away first."))
            return False
        others = [(t.id, t.name) for t in self.model.all_rows if t.id != theme.id and not t.retired]
        services, shown = self._services(), self._as_shown()
        return self._done(FormDialog.ask(
            self, translate("ThemesDialog", "Merge “{theme}”").format(theme=theme.name),
            [Field("keep", translate("ThemesDialog", "Into"), "choice", options=others)],
            lambda v: services.directory.merge_themes(v["keep"], theme.id, keep_version=shown[v["keep"]].version,
                                                      expected_version=shown[theme.id].version),
            on_conflict=lambda: self._refresh(shown), tasks=self.ctx.tasks,
            intro=translate("ThemesDialog", "Every review and rapid review with this theme gets the chosen theme "
                            "instead; this theme is then retired (its history is kept).")))

    def retire(self) -> bool:
        """Saved on the write thread against the version shown; a refusal (e.g. a clash) is said and the list
        shown as it is now."""
        theme = self.selected()
        if theme is None:
            plain_message(self, translate("ThemesDialog", "Themes"), translate("ThemesDialog", "Choose a theme first."))
            return False
        outcome: list[bool] = []

        def done(changes: Changes) -> None:
            outcome.append(self._done(changes))

        def failed(exc: BaseException) -> None:
            outcome.append(False)
            if isinstance(exc, ScpdeskError):
                plain_message(self, translate("ThemesDialog", "Themes"), str(exc))
            else:
                ops.explain(self, exc)
            self.reload()

        ops.save(self, self.ctx, lambda s: s.directory.retire_theme(theme.id, theme.version), done, failed=failed)
        return outcome[0] if outcome else True

    def _as_shown(self) -> dict[int, Any]:
        """The themes as the list shows them now: their versions go with the save."""
        return {t.id: t for t in self.model.all_rows}

    def _refresh(self, shown: dict[int, Any]) -> None:
        """After a conflict (the form names who changed the theme): reload the list; once it is shown, Save
        again applies the choice over the colleague's version, which the message has just told the user about."""
        self.reload(lambda: shown.update(self._as_shown()))

    @classmethod
    def manage(cls, parent: QWidget | None, ctx: AppContext) -> None:
        cls(ctx, parent).exec()
