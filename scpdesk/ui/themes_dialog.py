"""Manage the theme list: add, rename, merge (links kept) and retire. Retired themes keep their history."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ..services.dto import Changes
from .context import AppContext
from .discard import DiscardGuard
from .forms import Field, FormDialog, plain_message
from .table_model import Column, RowTableModel
from .widgets import table as _table


class ThemesDialog(DiscardGuard, QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Themes")
        self.setObjectName("themesDialog")
        self.ctx = ctx
        self.model: RowTableModel[Any] = RowTableModel([
            Column("name", "Theme", lambda t: t.name, width=340),
            Column("reviews", "Reviews", lambda t: t.reviews, width=80),
            Column("state", "", lambda t: "Retired" if t.retired else "", width=80)], self)
        self.view = _table(self.model, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        for text, handler in (("Add…", self.add), ("Rename…", self.rename), ("Merge into…", self.merge),
                              ("Retire", self.retire)):
            button = QPushButton(text, self)
            button.clicked.connect(handler)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(560, 520)
        self.reload()

    @property
    def sctx(self) -> Any:
        assert self.ctx.services is not None
        return self.ctx.services.ctx

    def reload(self) -> None:
        from ..services.library import themes

        self.model.set_rows(themes(self.sctx))

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
        from ..services.library import add_theme

        return self._done(FormDialog.ask(self, "Add a theme", [Field("name", "Theme")],
                                         lambda v: add_theme(self.sctx, v["name"])[1]))

    def rename(self) -> bool:
        from ..services.library import rename_theme

        theme = self.selected()
        if theme is None:
            plain_message(self, "Themes", "Choose a theme first.")
            return False
        shown = self._shown()
        return self._done(FormDialog.ask(
            self, "Rename the theme", [Field("name", "New name", default=theme.name)],
            lambda v: rename_theme(self.sctx, theme.id, shown[theme.id].version, v["name"]),
            on_conflict=lambda: self._refresh(shown)))

    def merge(self) -> bool:
        from ..services.library import merge_themes

        theme = self.selected()
        if theme is None:
            plain_message(self, "Themes", "Choose the theme to merge away first.")
            return False
        others = [(t.id, t.name) for t in self.model.all_rows if t.id != theme.id and not t.retired]
        shown = self._shown()
        return self._done(FormDialog.ask(
            self, f"Merge “{theme.name}”", [Field("keep", "Into", "choice", options=others)],
            lambda v: merge_themes(self.sctx, v["keep"], theme.id, keep_version=shown[v["keep"]].version,
                                   expected_version=shown[theme.id].version),
            on_conflict=lambda: self._refresh(shown),
            intro="Every review and rapid review with this theme gets the chosen theme instead; this theme is "
                  "then retired (its history is kept)."))

    def retire(self) -> bool:
        from ..services.library import retire_theme

        theme = self.selected()
        if theme is None:
            plain_message(self, "Themes", "Choose a theme first.")
            return False
        try:
            changes = retire_theme(self.sctx, theme.id, theme.version)
        except Exception as exc:  # noqa: BLE001 - shown to the user, nothing is lost
            plain_message(self, "Themes", str(exc))
            self.reload()  # e.g. a conflict: show the list as it is now
            return False
        return self._done(changes)

    def _shown(self) -> dict[int, Any]:
        """The themes as the list shows them now: their versions go with the save."""
        return {t.id: t for t in self.model.all_rows}

    def _refresh(self, shown: dict[int, Any]) -> None:
        """After a conflict (the form names who changed the theme): reload the list; Save again then applies
        the choice over the colleague's version, which the message has just told the user about."""
        self.reload()
        shown.update(self._shown())

    @classmethod
    def manage(cls, parent: QWidget | None, ctx: AppContext) -> None:
        cls(ctx, parent).exec()
