"""Sizes that follow the content and the screen (issue 13, "Layout"): columns as wide as what they show, with one
column taking what is left; dialogs as big as their content (up to most of the screen) and resizable.

Qt's defaults were the trouble: a header gave every column the width written in the code (dates and clock names
clipped at 1280×720), and a dialog opens at most two thirds of the screen high, whatever it holds (the Add cases
suggestions were cut off, the new-meeting members list squeezed to a few lines)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QDialog, QListWidget, QPlainTextEdit, QTableView, QWidget

#: No column grows wider than this from its content alone (a long title elides; the user can still drag it wider).
MAX_COLUMN = 420
#: A dialog opens at most this share of the screen's available width and height.
SCREEN_SHARE = 0.9
#: At most this many rows (those on screen) are measured for a table's column widths.
MEASURED_ROWS = 60


def fit_columns(view: QTableView, stretch: int | None = None) -> None:
    """Small tables (a record's clocks, plan, agenda, members; the directory): columns follow their content as
    rows change and the table as it is resized — every column on screen, the widest giving way first — and
    ``stretch`` (default: the last column) takes any width left over; until the user drags a column."""
    _ColumnFitter(view, lambda: True, stretch=stretch, follow_rows=True)


def fit_columns_when_filled(view: QTableView, filled: Callable[[], bool]) -> None:
    """Big lists (every referral; the library): columns fitted to their first rows (:func:`fit_columns_once`) as
    soon as they are there (``filled()``) and the list is on screen at its real width, and again as the window is
    resized — not as rows change (the list would shift under the user at every reload) — until the user drags a
    column. For a list with no column layout saved by the user."""
    _ColumnFitter(view, filled, stretch=None, follow_rows=False)


def fit_columns_once(view: QTableView, stretch: int | None = None) -> None:
    """Each column sized to its header and its first rows — never to all of them (the library's rows are fetched
    as they are painted; ten thousand referrals measured at each change would stall the window). When that is
    wider than the table, the widest columns give way first (a long title or pause reason elides; its tooltip has
    it all) so every column stays on screen; width left over goes to ``stretch`` (default: the last column)."""
    header = view.horizontalHeader()
    model = view.model()
    top = max(0, view.rowAt(0))
    on_screen = view.viewport().height() // max(1, view.verticalHeader().defaultSectionSize()) + 1
    rows = range(top, min(model.rowCount(), top + min(on_screen, MEASURED_ROWS)))  # the rows the user sees
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    if not shown:
        return
    least = {c: header.sectionSizeHint(c) for c in shown}
    wanted = dict(least)
    for column in shown:
        for row in rows:
            wanted[column] = max(wanted[column], view.sizeHintForIndex(model.index(row, column)).width() + 2)
        wanted[column] = min(wanted[column], MAX_COLUMN)
    least[shown[0]] = wanted[shown[0]]  # the first column (a reference, a name) is read whole; the others give way
    room = view.viewport().width()
    cap = _cap_to_fit(wanted, least, room)
    widths = {c: max(least[c], min(wanted[c], cap)) for c in shown}
    target = stretch if stretch in widths else shown[-1]
    widths[target] += max(0, room - sum(widths.values()))
    header.setStretchLastSection(False)
    for column, width in widths.items():
        header.resizeSection(column, width)


def _cap_to_fit(wanted: dict[int, int], least: dict[int, int], room: int) -> int:
    """The largest width cap under which the columns fit ``room`` (none narrower than its header)."""
    def total(cap: int) -> int:
        return sum(max(least[c], min(w, cap)) for c, w in wanted.items())

    low, high = 0, max(wanted.values(), default=0)
    if total(high) <= room:
        return high
    while low < high:
        middle = (low + high + 1) // 2
        if total(middle) <= room:
            low = middle
        else:
            high = middle - 1
    return low


class _ColumnFitter(QObject):
    """Fits a table's columns (:func:`fit_columns_once`) when its rows are there and it has its real width, and
    again as it is resized (and, ``follow_rows``, as its rows change) — until the user drags a column: from then
    on the widths are theirs."""

    def __init__(self, view: QTableView, filled: Callable[[], bool], *, stretch: int | None,
                 follow_rows: bool) -> None:
        super().__init__(view)
        self.view, self.filled, self.stretch, self.follow_rows = view, filled, stretch, follow_rows
        self.fitting = False
        self.width = 0
        self.due = self.again = self.stopped = False
        model = view.model()
        self.signals = (model.modelReset, model.layoutChanged, model.dataChanged, model.rowsInserted,
                        model.rowsRemoved)
        for signal in self.signals:
            signal.connect(self._rows_changed)
        view.horizontalHeader().sectionResized.connect(self._resized)
        view.viewport().installEventFilter(self)  # its own resizes: the width the columns share

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.Show, QEvent.Type.Resize):
            self._soon(again=False)
        return False

    def _rows_changed(self, *_args: object) -> None:
        self._soon(again=self.follow_rows)

    def _soon(self, *, again: bool) -> None:
        """One fit once the showing, laying out or reloading is over (a start resizes a list several times)."""
        self.again = self.again or again
        if not self.due:
            self.due = True
            QTimer.singleShot(0, self._due)

    def _due(self) -> None:
        self.due, again, self.again = False, self.again, False
        self.attempt(again=again)

    def attempt(self, *, again: bool = False) -> None:
        view = self.view
        width = view.viewport().width()
        if self.stopped or not view.isVisible() or width < 100 or (width == self.width and not again) \
                or not self.filled():
            return
        self.width = width
        self.fitting = True
        try:
            fit_columns_once(view, self.stretch)
        finally:
            self.fitting = False

    def _resized(self, *_args: object) -> None:
        if not self.fitting and self.width:  # the user's own width: stop following the window
            self.stopped = True
            for signal in self.signals:
                signal.disconnect(self._rows_changed)
            self.view.horizontalHeader().sectionResized.disconnect(self._resized)
            self.view.viewport().removeEventFilter(self)
            self.view.horizontalHeader().setStretchLastSection(True)  # the list's width still goes somewhere


def list_rows_tall(view: QAbstractItemView, rows: int) -> None:
    """An item list high enough for ``rows`` rows (or all of its items when fewer) without scrolling."""
    count = view.model().rowCount() if view.model() is not None else 0
    shown = max(3, min(rows, count or rows))
    row_height = view.sizeHintForRow(0) if count else view.fontMetrics().height() + 6
    view.setMinimumHeight(row_height * shown + 2 * view.frameWidth() + 4)


def list_as_wide_as_items(view: QListWidget) -> None:
    """A list wide enough to read its longest item (a check list of people or cases), within the dialog's limit."""
    widest = view.sizeHintForColumn(0) + 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width() + 8
    view.setMinimumWidth(min(widest, _screen_width(view) * 3 // 4))


def box_height(edit: QPlainTextEdit, lines: int) -> int:
    """The height of a multi-line box that shows ``lines`` lines."""
    margins = edit.contentsMargins()
    return edit.fontMetrics().lineSpacing() * lines + 2 * int(edit.document().documentMargin()) + margins.top() \
        + margins.bottom() + 2


def box_lines(edit: QPlainTextEdit, lines: int) -> None:
    """A multi-line box at least ``lines`` lines high (it still grows with its dialog)."""
    edit.setMinimumHeight(box_height(edit, lines))


def _screen_width(widget: QWidget) -> int:
    screen = widget.screen()
    return screen.availableGeometry().width() if screen is not None else 1280


class FitToContent(QObject):
    """Resizes its dialog to its content when first shown, within the screen (see :func:`fit_dialog`)."""

    def __init__(self, dialog: QDialog) -> None:
        super().__init__(dialog)
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if not self._done and event.type() == QEvent.Type.Show and isinstance(watched, QDialog):
            self._done = True
            resize_to_content(watched)
        return False


def resize_to_content(dialog: QWidget) -> None:
    """``dialog`` at its content's size (no smaller than it is now), up to most of the screen."""
    hint = dialog.sizeHint().expandedTo(dialog.minimumSizeHint())
    screen = dialog.screen()
    if screen is None:
        return
    room = screen.availableGeometry()
    width = min(max(hint.width(), dialog.width()), int(room.width() * SCREEN_SHARE))
    height = min(max(hint.height(), dialog.height()), int(room.height() * SCREEN_SHARE))
    dialog.resize(width, height)


def fit_dialog(dialog: QDialog) -> None:
    """Open ``dialog`` as big as its content (Qt stops at two thirds of the screen), within the screen, with a
    size grip: every dialog can be made bigger."""
    dialog.setSizeGripEnabled(True)
    dialog.installEventFilter(FitToContent(dialog))
