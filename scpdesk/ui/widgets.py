"""Small building blocks shared by the screens: plain-text labels, compact tables, dates, and the base of
the three detail panels (a record shown below its list, changed through forms that keep what was typed)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTableView,
    QWidget,
)

from ..errors import ScpdeskError
from ..services.dto import Changes
from .context import AppContext
from .forms import Field, FormDialog, plain_message
from .ops import alive, save
from .sizing import fit_columns
from .table_model import RowTableModel

if TYPE_CHECKING:
    from ..services.registry import Services


def table(model: RowTableModel[Any], parent: QWidget) -> QTableView:
    """A read-only, row-selecting table whose columns fit their content; the column marked ``stretch`` (else the
    last) takes the width left over."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.setWordWrap(False)
    fit_columns(view, next((i for i, c in enumerate(model.columns) if c.stretch), None))
    return view


def table_and_text(model: RowTableModel[Any], parent: QWidget, orientation: Qt.Orientation, sizes: list[int], *,
                   name: str, placeholder: str, on_select: Callable[..., object]) -> tuple[QTableView, QPlainTextEdit,
                                                                                        QSplitter]:
    """A table beside (or above) a read-only text showing more of the selected row: the splitter, filled."""
    view = table(model, parent)
    view.selectionModel().selectionChanged.connect(on_select)
    text = QPlainTextEdit(parent)
    text.setObjectName(name)
    text.setReadOnly(True)
    text.setPlaceholderText(placeholder)
    split = QSplitter(orientation, parent)
    split.addWidget(view)
    split.addWidget(text)
    split.setSizes(sizes)
    return view, text, split


def plain(text: str, parent: QWidget) -> QLabel:
    """A label that shows its text literally (user text can never become markup), wrapped and selectable."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def day(value: dt.date | None) -> str:
    return value.strftime("%a %d %b %Y") if value else "—"


class DetailPanel(QWidget):
    """The record chosen in a list. Emits ``changed`` after every successful action (the tab publishes it
    on the change bus). Subclasses set ``self.detail`` (a DTO with ``version``) and implement ``reload``."""

    changed = Signal(object)

    def __init__(self, ctx: AppContext, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: Any = None
        self.header = plain(placeholder, self)
        self.header.setObjectName("detailHeader")
        font = self.header.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.header.setFont(font)

    @property
    def services(self) -> Services:
        assert self.ctx.services is not None
        return self.ctx.services

    def reload(self) -> None:
        raise NotImplementedError

    def _run(self, title: str, fields: list[Field], call: Callable[[dict[str, Any]], Changes],
             intro: str = "") -> bool:
        """Ask, then call on the write thread; the form stays open with the typed values on any error. After a
        conflict the panel reloads the colleague's version, so Save again applies what was typed on top."""
        if self._read_only():
            return False
        result = FormDialog.ask(self, title, fields, call, intro=intro, on_conflict=self._safe_reload,
                                tasks=self.ctx.tasks)
        if result is None:
            return False
        self._after(result)
        return True

    def _do(self, call: Callable[[], Changes]) -> bool:
        """An action that needs no form: run it on the write thread and explain any refusal. True when it
        was saved (with the test suite's immediate runner) or is on its way (with threads)."""
        if self._read_only():
            return False
        outcome: list[bool] = []

        def done(changes: Changes) -> None:
            outcome.append(True)
            self._after(changes)

        def failed(exc: BaseException) -> None:
            outcome.append(False)
            if isinstance(exc, ScpdeskError):
                plain_message(self, "scpdesk", str(exc))
                self._safe_reload()
            else:
                sys.excepthook(type(exc), exc, exc.__traceback__)

        self.ctx.tasks.write(call, alive(self, done), alive(self, failed))
        return outcome[0] if outcome else True

    def reload_then(self, then: Callable[[], None]) -> None:
        """Reload the record shown, then ``then()`` (a form after a clash takes the new version only once the
        colleague's record is on screen). Panels that load in the background override this."""
        self._safe_reload()
        then()

    def _read_only(self) -> bool:
        """A login that may not change records is told so before any form opens (nothing typed is lost)."""
        reason = self.services.access.why_not("edit")
        if reason:
            plain_message(self, "scpdesk", reason)
        return bool(reason)

    def _after(self, changes: Changes) -> None:
        self.changed.emit(changes)
        self.reload()

    def _safe_reload(self) -> None:
        try:
            self.reload()
        except ScpdeskError as exc:
            plain_message(self, "scpdesk", str(exc))

    def _version(self) -> int:
        assert self.detail is not None
        return int(self.detail.version)

    def _today(self) -> dt.date:
        return self.services.ctx.today()


class Imported(Protocol):
    """What an import returns: how many records came in, and what changed."""

    @property
    def count(self) -> int: ...

    @property
    def changes(self) -> Changes: ...


def run_import(parent: QWidget, ctx: AppContext, name: str, importer: Callable[[Services, Path], Imported],
               noun: str) -> bool:
    """Import the spreadsheet ``name`` (all or nothing) on the write thread: say what came in, or list every
    problem and say that nothing was imported; the tabs refresh through the change bus. True once started."""
    if not name or ctx.services is None:
        return False
    path = Path(name)

    def done(result: Imported) -> None:
        ctx.bus.emit_changes(result.changes)
        count = result.count
        plain_message(parent, "Import", f"Imported {count} {noun}{'' if count == 1 else 's'} from {path.name}.")

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, ScpdeskError):
            sys.excepthook(type(exc), exc, exc.__traceback__)
            return
        plain_message(parent, "Nothing was imported", f"{exc}\n\nNothing was imported. Correct the file and "
                                                      "import it again.", icon=QMessageBox.Icon.Warning)

    save(parent, ctx, lambda services: importer(services, path), done, failed=failed)
    return True


def run_export(parent: QWidget, ctx: AppContext, name: str, exporter: Callable[[Services, Path], int],
               noun: str, note: str = "") -> bool:
    """Export to ``name`` (CSV, XLSX or PDF by its extension) on the write thread (an export records its audit
    event); say how many rows went out. True once started."""
    if not name or ctx.services is None:
        return False
    path = Path(name)

    def done(count: int) -> None:
        plain_message(parent, "Export", f"Exported {count} {noun}{'' if count == 1 else 's'} to {path.name}{note}.")

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, ScpdeskError):
            sys.excepthook(type(exc), exc, exc.__traceback__)
            return
        plain_message(parent, "Export failed", str(exc), icon=QMessageBox.Icon.Warning)

    save(parent, ctx, lambda services: exporter(services, path), done, failed=failed)
    return True


class _SplitWhenSized(QObject):
    """Sets a splitter's split once it has its real height (proportions given before that are lost to the panes'
    size hints: a tall detail panel left its list a few rows)."""

    def __init__(self, splitter: QSplitter, split: Callable[[], None]) -> None:
        super().__init__(splitter)
        self._split = split

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize and isinstance(watched, QSplitter) and watched.height() > 50:
            watched.removeEventFilter(self)
            self._split()
        return False


def list_over_detail(splitter: QSplitter, settings: QSettings, key: str, *, list_share: int = 3,
                     detail_share: int = 2) -> Callable[[], None]:
    """A list above its record's detail: the list gets the larger share at first (``list_share`` to
    ``detail_share``) and keeps it as the window grows; where the user drags the divider is remembered in the
    window's settings under ``key`` and restored on the next start. Returns what sets the split again (after the
    detail widget is replaced). The detail should sit in a scroll area (:func:`scrolling`), or its height at rest
    would push the list down to a few rows."""
    splitter.setStretchFactor(0, list_share)
    splitter.setStretchFactor(1, detail_share)
    # The list never disappears under a tall detail (a window made smaller squeezed it to nothing): a header and
    # four rows at least.
    splitter.setCollapsible(0, False)
    listed = splitter.widget(0)
    if listed is not None:
        listed.setMinimumHeight(max(listed.minimumHeight(), 5 * listed.fontMetrics().height() * 3 // 2 + 30))
    name = f"splitters/{key}"

    def split() -> None:
        saved = settings.value(name)
        if isinstance(saved, QByteArray) and splitter.restoreState(saved):
            return
        total = sum(splitter.sizes()) or splitter.height()
        share = list_share + detail_share
        splitter.setSizes([total * list_share // share, total * detail_share // share])

    split()
    splitter.installEventFilter(_SplitWhenSized(splitter, split))
    splitter.splitterMoved.connect(lambda _pos, _index: settings.setValue(name, splitter.saveState()))
    return split


def scrolling(widget: QWidget, owner: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area that fits its width: it can be made shorter than its content.
    ``owner`` holds it until a splitter takes it in with ``replaceWidget`` (a splitter's own child would be added
    as another pane; one without a parent would be deleted with its Python wrapper)."""
    area = QScrollArea(owner)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area
