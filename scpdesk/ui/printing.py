"""Printing a list as the user sees it (Ctrl+P on the Referrals tab): the rows the filters leave, in the order
shown, with the columns shown, written to a PDF on the write thread (audited as printed), then opened in the
system's viewer to print."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QCheckBox, QComboBox, QTableView, QWidget

from . import files, ops
from .i18n import translate

if TYPE_CHECKING:
    from .tabs import ReferralsTab

DISPLAY = Qt.ItemDataRole.DisplayRole


def table_texts(view: QTableView) -> tuple[list[str], list[list[str]]]:
    """The headings and cell texts of ``view`` as shown: visible columns in their on-screen order, the rows the
    filters leave in the order they are sorted."""
    model = view.model()
    header = view.horizontalHeader()
    columns = [c for c in (header.logicalIndex(v) for v in range(header.count())) if not header.isSectionHidden(c)]
    headings = [str(model.headerData(c, Qt.Orientation.Horizontal, DISPLAY) or "") for c in columns]
    rows = [[_cell(model.data(model.index(r, c), DISPLAY)) for c in columns] for r in range(model.rowCount())]
    return headings, rows


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def shown_note(tab: QWidget, view: QTableView) -> str:
    """What the list shows, in words: its filters, search words and order."""
    parts = [c.currentText() for c in tab.findChildren(QComboBox) if c.currentIndex() > 0 and c.isVisible()]
    parts += [c.text().replace("&", "") for c in tab.findChildren(QCheckBox) if c.isChecked()]
    search = getattr(tab, "search", None)
    if search is not None and search.text().strip():
        parts.append(translate("Printing", "matching “{words}”").format(words=search.text().strip()))
    header = view.horizontalHeader()
    section = header.sortIndicatorSection()
    order = ""
    if 0 <= section < view.model().columnCount():
        name = view.model().headerData(section, Qt.Orientation.Horizontal, DISPLAY)
        ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        order = " " + (translate("Printing", "Sorted by {column}, ascending.") if ascending
                       else translate("Printing", "Sorted by {column}, descending.")).format(column=name)
    shown = translate("Printing", "Shown: {filters}.").format(filters=", ".join(parts)) if parts \
        else translate("Printing", "Every referral.")
    return shown + order


def open_document(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def print_referrals(tab: ReferralsTab) -> bool:
    """Ask where, then print the referral list as shown to a PDF and open it. True when written (or on its way)."""
    headings, rows = table_texts(tab.table)
    note = shown_note(tab, tab.table)
    name = files.save_file(tab, translate("Printing", "Print the referral list"),
                           f"referrals {tab.ctx.today():%Y-%m-%d}.pdf", translate("Printing", "PDF (*.pdf)"),
                           kind="document")
    if not name:
        return False
    path = Path(name)
    return ops.write_file(tab, tab.ctx, lambda s: s.referral_files.print_list(path, headings, rows, note=note),
                          title=translate("Printing", "The list was not printed"),
                          done=lambda _count: open_document(path))
