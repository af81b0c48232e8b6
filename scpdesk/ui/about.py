"""Help → About scpdesk: the version, the database in use, the data folder, and the licences of what is bundled.

The licences come from ``scpdesk.licences`` (the list the build's LICENSES/ folder is written from), so the box
and the folder never disagree. Every text is selectable (mouse and keyboard) to copy into a support call; the
licence list scrolls, so the box fits a 1280×720 screen.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .. import __version__, paths
from ..licences import LGPL_NOTICE, bundled
from .discard import DiscardGuard
from .i18n import translate
from .icon import app_icon

#: The largest the box grows to, so it fits a 1280×720 screen with the taskbar and title bar.
MAX_SIZE = (760, 600)


def is_portable(data_dir: Path) -> bool:
    """The data folder is the portable one (a ``portable`` file beside the program; ``scpdesk.paths``)."""
    marker = getattr(paths, "portable_marker", lambda: None)()
    return marker is not None and Path(data_dir) == marker.parent / "data"


def licences_html() -> str:
    """The LGPL notice and a table of the bundled components (all text escaped)."""
    rows = []
    for component, version in bundled():
        link = (f'<a href="{html.escape(component.url)}">{html.escape(component.url)}</a>'
                if component.url.startswith("https://") else "")
        note = f"<br><small>{html.escape(component.note)}</small>" if component.note else ""
        rows.append(f"<tr><td>{html.escape(component.name)}{note}</td><td>{html.escape(version)}</td>"
                    f"<td>{html.escape(component.licence)}</td><td>{link}</td></tr>")
    notice = "".join(f"<p>{html.escape(part).replace(chr(10), ' ')}</p>" for part in LGPL_NOTICE.split("\n\n"))
    return (f"{notice}<table cellspacing='0' cellpadding='3' border='1'>"
            "<tr>" + "".join(f"<th>{html.escape(heading)}</th>" for heading in (
                translate("AboutDialog", "Component"), translate("AboutDialog", "Version"),
                translate("AboutDialog", "Licence"), translate("AboutDialog", "Where"))) + "</tr>"
            + "".join(rows) + "</table>")


class AboutDialog(DiscardGuard, QDialog):
    """The About box (modal; Esc or Close closes it: it has no inputs, so the guard every dialog carries never
    asks)."""

    def __init__(self, *, database: str, data_dir: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("AboutDialog", "About scpdesk"))
        self.setObjectName("aboutDialog")
        layout = QVBoxLayout(self)

        head = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        logo.setAccessibleName(translate("AboutDialog", "scpdesk icon"))
        head.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        folder = translate("AboutDialog", "not known")
        if data_dir is not None:
            folder = translate("AboutDialog", "{folder} (portable: beside the program)").format(folder=data_dir) \
                if is_portable(data_dir) else str(data_dir)
        self.summary = QLabel(
            translate("AboutDialog", "scpdesk {version}\nCase reviews for Safeguarding Children Partnerships.\n\n"
                      "Database: {database}\nData folder: {folder}\nPython {python}").format(
                version=__version__, database=database, folder=folder, python=sys.version.split()[0]))
        self.summary.setObjectName("aboutSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.summary.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        head.addWidget(self.summary, 1)
        layout.addLayout(head)

        caption = QLabel(translate("AboutDialog", "&Licences of the components included in scpdesk:"))
        layout.addWidget(caption)
        self.licences = QTextBrowser()
        self.licences.setObjectName("aboutLicences")
        self.licences.setAccessibleName(translate("AboutDialog", "Licences of the components included in scpdesk"))
        self.licences.setOpenExternalLinks(True)
        self.licences.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction
                                              | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.licences.setHtml(licences_html())
        caption.setBuddy(self.licences)
        layout.addWidget(self.licences, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        about_qt = buttons.addButton(translate("AboutDialog", "About &Qt"), QDialogButtonBox.ButtonRole.HelpRole)
        about_qt.clicked.connect(lambda: QMessageBox.aboutQt(self, translate("AboutDialog", "About Qt")))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        close.setFocus()
        self.resize(*MAX_SIZE)
        self.setMaximumSize(MAX_SIZE[0] * 2, MAX_SIZE[1] + 60)
