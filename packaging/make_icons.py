"""Render scpdesk's icon from its SVG source: scpdesk/resources/icons/scpdesk.png (256 px) and scpdesk.ico.

    python packaging/make_icons.py          (then commit the two files: the build and the app only read them)

Qt only (QSvgRenderer + QImage, which scpdesk already depends on): no Pillow. Qt's own ICO writer stores one
image per file, so the multi-size .ico (16, 24, 32, 48, 64, 128, 256) is assembled here: the small sizes as
32-bit BMP entries (what every Windows shell and resource compiler reads), the 256 px one PNG-compressed (the
ICO format's rule for that size since Windows Vista; https://learn.microsoft.com/windows/win32/menurc/icons).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "scpdesk" / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, size: int) -> bytes:
    """The SVG at ``size`` x ``size`` as PNG bytes (anti-aliased, transparent outside the tile)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def _bmp_entry(png: bytes) -> bytes:
    """A 32-bit BGRA DIB as an ICO entry wants it: the header's height doubled, rows bottom-up, an AND mask."""
    from PySide6.QtGui import QImage

    image = QImage.fromData(png, "PNG").convertToFormat(QImage.Format.Format_ARGB32)
    size = image.width()
    stride = image.bytesPerLine()
    bits = bytes(image.constBits())[: stride * size]  # ARGB32 is B, G, R, A in memory on little-endian
    rows = b"".join(bits[row * stride: row * stride + size * 4] for row in reversed(range(size)))
    mask = bytes(((size + 31) // 32) * 4 * size)  # all 0: the alpha channel decides
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, len(rows) + len(mask), 0, 0, 0, 0)
    return header + rows + mask


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding every size in ``pngs`` (size -> PNG bytes)."""
    entries = [(size, png if size >= 256 else _bmp_entry(png)) for size, png in sorted(pngs.items())]
    offset = 6 + 16 * len(entries)
    directory = struct.pack("<HHH", 0, 1, len(entries))
    for size, data in entries:
        directory += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return directory + b"".join(data for _, data in entries)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter needs one
    svg = ICONS / "scpdesk.svg"
    pngs = {size: render(svg, size) for size in SIZES}
    (ICONS / "scpdesk.png").write_bytes(pngs[256])
    (ICONS / "scpdesk.ico").write_bytes(ico_bytes(pngs))
    for size in (16, 32):  # to look at: the small sizes, as a taskbar shows them
        Path(os.environ.get("TMPDIR", "/tmp"), f"scpdesk-{size}.png").write_bytes(pngs[size])
    print(f"wrote {ICONS / 'scpdesk.png'} and {ICONS / 'scpdesk.ico'} ({', '.join(map(str, SIZES))} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
