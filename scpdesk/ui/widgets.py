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
    QDialog,
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
from .i18n import translate
from .ops import alive, save
from .sizing import fit_columns
from .table_model import RowTableModel, day_text

if TYPE_CHECKING:
    from ..services.offline.take import Hold
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


def hint_line(text: str, parent: QWidget) -> QLabel:
    """A detail panel's header: what is shown, or (nothing chosen) the one line saying what to choose."""
    label = plain(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.2)
    font.setBold(True)
    label.setFont(font)
    # A wrapped label asks for the height of its narrowest wrapping; a list's splitter would keep that much under
    # the list. One line is its least: it folds to that (and wraps when it has the room).
    label.setMinimumHeight(label.fontMetrics().height())
    return label


def day(value: dt.date | None) -> str:
    return day_text(value) if value else "—"


class DetailPanel(QWidget):
    """The record chosen in a list. Emits ``changed`` after every successful action (the tab publishes it
    on the change bus). Subclasses set ``self.detail`` (a DTO with ``version``) and implement ``reload``."""

    changed = Signal(object)
    #: The kind of record shown, as offline check-outs name it ("referral", "meeting", "review"): someone holding
    #: the record shown offline is said under its header, and warned of before any change (None: not checked).
    hold_entity: str | None = None
    #: True when a record is chosen (the detail opens), False when none is (one hint line): the list's splitter
    #: (:func:`list_over_detail`) gives the list the space.
    chosen = Signal(bool)

    def __init__(self, ctx: AppContext, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: Any = None
        self.header = hint_line(placeholder, self)
        self.header.setObjectName("detailHeader")
        #: Only the header's hint line shows (nothing chosen).
        self.hint_only = False
        #: Who has the record shown offline, and since when (None: nobody, or not known yet); see check_hold.
        self.hold: Hold | None = None
        self._hold_for: int | None = None
        from .offline import hold_label

        #: "Offline with NAME since DATE" (placed under the header by each panel; hidden while nobody has it).
        self.hold_line = hold_label(self)

    #: Marks the widgets the hint line hid (shown again when a record is chosen; each keeps its own mark, so a
    #: widget deleted meanwhile is simply gone).
    FOLDED = "hiddenByHintLine"

    def show_hint(self, hint: bool) -> None:
        """``hint``: nothing is chosen — only the header's one line shows (the rest hidden, each as it was kept) and
        ``chosen(False)`` lets the list take the space; else the whole panel again and ``chosen(True)``."""
        if hint == self.hint_only:
            return
        self.hint_only = hint
        for widget in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if widget is self.header or widget.isWindow():
                continue
            if hint:
                # Not hidden on purpose (a widget just added to a layout is shown a moment later: hide it too).
                if not (widget.isHidden() and widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)):
                    widget.setProperty(self.FOLDED, True)
                    widget.setVisible(False)
            elif widget.property(self.FOLDED):
                widget.setProperty(self.FOLDED, None)
                widget.setVisible(True)
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the height it asks for now, not the one before the widgets were hidden or shown
        self.chosen.emit(not hint)

    @property
    def services(self) -> Services:
        assert self.ctx.services is not None
        return self.ctx.services

    def reload(self) -> None:
        raise NotImplementedError

    def _run(self, title: str, fields: list[Field], call: Callable[[dict[str, Any]], Changes],
             intro: str = "", prepare: Callable[[FormDialog], None] | None = None) -> bool:
        """Ask, then call on the write thread; the form stays open with the typed values on any error. After a
        conflict the panel reloads the colleague's version, so Save again applies what was typed on top.
        ``prepare`` wires the form before it shows (e.g. an agency that follows the person chosen)."""
        if self._read_only():
            return False
        dialog = FormDialog(self, title, fields, call, intro=intro, on_conflict=self._safe_reload,
                            tasks=self.ctx.tasks)
        if prepare is not None:
            prepare(dialog)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self._after(dialog.result_value)
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
        """Every change to the record shown passes here before its form opens (nothing typed is lost): a login
        that may not change records is told so; a record someone has offline is warned of (Continue goes on,
        Cancel does not; their copy is merged with this change when they sync)."""
        reason = self.services.access.why_not("edit")
        if reason:
            plain_message(self, "scpdesk", reason)
            return True
        if self.hold is not None and self._hold_for == self._shown_record_id():
            from .offline import confirm_edit_held

            return not confirm_edit_held(self, self.hold, self.hold_entity or "record")
        return False

    def _shown_record_id(self) -> int | None:
        return int(self.detail.id) if self.detail is not None else None

    def check_hold(self) -> None:
        """Who has the record shown offline (from the window's list of holds, read every few minutes: no read
        here): the line under the header, and the warning before a change. A record not held shows nothing."""
        record_id, entity = self._shown_record_id(), self.hold_entity
        hold = self.ctx.holds.get(entity, {}).get(record_id) if entity and record_id is not None else None
        self.hold, self._hold_for = hold, record_id
        if hold is None:
            self.hold_line.hide()
            return
        from .offline import hold_text

        self.hold_line.setText(hold_text(hold))
        self.hold_line.setToolTip(hold.holder_name)
        self.hold_line.setVisible(not self.hint_only)

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
               said: Callable[[int, str], str]) -> bool:
    """Import the spreadsheet ``name`` (all or nothing) on the write thread: say what came in (``said(count, file
    name)``: "Imported 3 referrals from x.xlsx."), or list every problem and say that nothing was imported; the tabs
    refresh through the change bus. True once started."""
    if not name or ctx.services is None:
        return False
    path = Path(name)

    def done(result: Imported) -> None:
        ctx.bus.emit_changes(result.changes)
        count = result.count
        plain_message(parent, translate("Widgets", "Import"), said(count, path.name))

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, ScpdeskError):
            sys.excepthook(type(exc), exc, exc.__traceback__)
            return
        plain_message(parent, translate("Widgets", "Nothing was imported"),
                      translate("Widgets", "{error}\n\nNothing was imported. Correct the file and import it "
                                           "again.").format(error=exc), icon=QMessageBox.Icon.Warning)

    save(parent, ctx, lambda services: importer(services, path), done, failed=failed)
    return True


def run_export(parent: QWidget, ctx: AppContext, name: str, exporter: Callable[[Services, Path], int],
               said: Callable[[int, str], str]) -> bool:
    """Export to ``name`` (CSV, XLSX or PDF by its extension) on the write thread (an export records its audit
    event); say how many rows went out (``said(count, file name)``). True once started."""
    if not name or ctx.services is None:
        return False
    path = Path(name)

    def done(count: int) -> None:
        plain_message(parent, translate("Widgets", "Export"), said(count, path.name))

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, ScpdeskError):
            sys.excepthook(type(exc), exc, exc.__traceback__)
            return
        plain_message(parent, translate("Widgets", "Export failed"), str(exc), icon=QMessageBox.Icon.Warning)

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


class ListOverDetail(QObject):
    """A list above its record's detail (see :func:`list_over_detail`). Calling it sets the split again (after
    the detail widget is replaced); :meth:`choose` opens the detail (a record is chosen) or folds it to its one
    hint line (none is), the list taking the space; a folded detail keeps to its line as the window resizes."""

    def __init__(self, splitter: QSplitter, settings: QSettings, key: str, list_share: int, detail_share: int,
                 *, folded: bool) -> None:
        super().__init__(splitter)
        self.splitter, self.settings, self.name = splitter, settings, f"splitters/{key}"
        self.shares = (list_share, detail_share)
        #: Nothing chosen: the detail is one hint line (its remembered divider kept for when it opens).
        self.folded = folded
        splitter.setStretchFactor(0, list_share)
        splitter.setStretchFactor(1, 0 if folded else detail_share)
        # The list never disappears under a tall detail (a window made smaller squeezed it to nothing): a header
        # and four rows at least.
        splitter.setCollapsible(0, False)
        listed = splitter.widget(0)
        if listed is not None:
            listed.setMinimumHeight(max(listed.minimumHeight(), 5 * listed.fontMetrics().height() * 3 // 2 + 30))
        splitter.splitterMoved.connect(self._moved)
        splitter.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if self.folded and event.type() == QEvent.Type.Resize and watched is self.splitter:
            self()  # the hint line wraps at the new width
        return False

    def __call__(self) -> None:
        splitter = self.splitter
        total = sum(splitter.sizes()) or splitter.height()
        if self.folded:
            line = self._line()
            splitter.setSizes([max(total - line, 0), line])
            return
        saved = self.settings.value(self.name)
        if isinstance(saved, QByteArray) and splitter.restoreState(saved):
            return
        list_share, detail_share = self.shares
        share = list_share + detail_share
        splitter.setSizes([total * list_share // share, total * detail_share // share])

    def _line(self) -> int:
        """The folded detail's height: its hint line, wrapped at the width it has."""
        pane = self.splitter.widget(1)
        if pane is None:
            return 0
        inner = pane.widget() if isinstance(pane, QScrollArea) else None
        shown = inner if inner is not None else pane
        width = self.splitter.width()
        height = shown.heightForWidth(width) if shown.hasHeightForWidth() else -1
        return height if height > 0 else shown.sizeHint().height()

    def choose(self, chosen: bool) -> None:
        if self.folded == (not chosen):
            return
        self.folded = not chosen
        self.splitter.setStretchFactor(1, 0 if self.folded else self.shares[1])
        self()

    def _moved(self, _pos: int, _index: int) -> None:
        if not self.folded:  # a drag while folded is not the divider to come back to
            self.settings.setValue(self.name, self.splitter.saveState())


def list_over_detail(splitter: QSplitter, settings: QSettings, key: str, *, list_share: int = 3,
                     detail_share: int = 2, detail: DetailPanel | None = None,
                     folded: bool | None = None) -> ListOverDetail:
    """A list above its record's detail: the list gets the larger share at first (``list_share`` to
    ``detail_share``) and keeps it as the window grows; where the user drags the divider is remembered in the
    window's settings under ``key`` and restored on the next start. While nothing is chosen the detail folds to
    one hint line and the list takes the space (``detail``'s ``chosen`` signal, or :meth:`ListOverDetail.choose`;
    ``folded``: how it starts, by default as ``detail`` is). Returns what sets the split again (after the detail
    widget is replaced). The detail should sit in a scroll area (:func:`scrolling`), or its height at rest would
    push the list down to a few rows."""
    if folded is None:
        folded = detail is not None and detail.hint_only
    split = ListOverDetail(splitter, settings, key, list_share, detail_share, folded=folded)
    if detail is not None:
        detail.chosen.connect(split.choose)
    split()
    splitter.installEventFilter(_SplitWhenSized(splitter, split))
    return split


def scrolling(widget: QWidget, owner: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area that fits its width: it can be made shorter than its content.
    ``owner`` holds it until a splitter takes it in with ``replaceWidget`` (a splitter's own child would be added
    as another pane; one without a parent would be deleted with its Python wrapper)."""
    area = QScrollArea(owner)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    area.setMinimumHeight(area.fontMetrics().height())  # down to one line (a detail folded to its hint)
    return area
