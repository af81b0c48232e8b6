"""scpdesk's application icon (window title bar, taskbar, Alt+Tab), read from the package's data.

The bytes come through importlib.resources, so the same code finds them in a source tree, an installed wheel
and the frozen build (where PyInstaller's reader serves the collected ``scpdesk/resources/icons``). Every size
the .ico holds is added, so Windows picks a drawn 16/32 px image rather than a shrunk 256 px one.
"""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QIcon, QImageReader, QPixmap

log = logging.getLogger(__name__)

ICON_FOLDER = ("resources", "icons")


def icon_bytes(name: str) -> bytes:
    """The bytes of ``scpdesk/resources/icons/NAME``."""
    folder = resources.files("scpdesk").joinpath(*ICON_FOLDER)
    return folder.joinpath(name).read_bytes()


def app_icon() -> QIcon:
    """The icon at every size the .ico holds (the PNG without Qt's ICO plugin; an empty icon, logged, should
    the files be missing: a packaging mistake that must not stop the window)."""
    icon = QIcon()
    try:
        data = QByteArray(icon_bytes("scpdesk.ico"))
        png = icon_bytes("scpdesk.png")
    except OSError:
        log.warning("application icon missing from the package data")
        return icon
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(b"ico"))
    for _ in range(max(reader.imageCount(), 1)):
        image = reader.read()
        if not image.isNull():
            icon.addPixmap(QPixmap.fromImage(image))
        if not reader.jumpToNextImage():
            break
    if icon.isNull():  # no ICO image plugin (a trimmed build): the 256 px PNG, which Qt reads built in
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        icon.addPixmap(pixmap)
    return icon
