"""Checking and saving the partnership's logo, printed on meeting packs and learning summaries.

A PNG or JPEG file of at most 1 MB and 2000 × 2000 pixels, checked from its own header (PNG IHDR, JPEG SOF),
stored as given (base64 in JSON under the organisation setting ``logo_png``, with its type and size; read by
``settings.load_logo``). Its audit events say "PNG 320 × 120 px, 12 kB" rather than repeating the image.
"""

from __future__ import annotations

import base64
import json
import struct
from typing import TYPE_CHECKING

from sqlalchemy import CursorResult, Table, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from ...errors import ConflictError, UserError
from ...models import OrganisationSetting
from ...models.audit import record
from ...models.enums import AuditAction
from ..dto import Changes
from ..settings import LOGO_KEY, LogoInfo, named_conflict, setting_conflict, stored_logo

if TYPE_CHECKING:
    from ..uow import ServiceContext


__all__ = ["LOGO_MAX_BYTES", "LOGO_MAX_PIXELS", "inspect_image", "set_logo"]

LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_PIXELS = 2000


# Checking an image -----------------------------------------------------------------------------------

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: JPEG start-of-frame markers (baseline, progressive, lossless…): not DHT (C4), JPG (C8) or DAC (CC).
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _png_size(data: bytes) -> tuple[int, int]:
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise UserError("logo", "the PNG file is damaged (no image header); save it again and choose it again")
    return struct.unpack(">II", data[16:24])


def _jpeg_size(data: bytes) -> tuple[int, int]:
    damaged = UserError("logo", "the JPEG file is damaged (no image size found); save it again and choose it again")
    i, end = 2, len(data)
    while i < end:
        if data[i] != 0xFF:
            raise damaged
        while i < end and data[i] == 0xFF:  # fill bytes
            i += 1
        if i >= end:
            break
        marker = data[i]
        i += 1
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:  # no length
            continue
        if marker in (0xD9, 0xDA):  # end of image, start of scan: no frame header before them
            break
        if i + 2 > end:
            break
        length = struct.unpack(">H", data[i:i + 2])[0]
        if length < 2:
            break
        if marker in _SOF_MARKERS:
            if i + 7 > end:
                break
            height, width = struct.unpack(">HH", data[i + 3:i + 7])
            return width, height
        i += length
    raise damaged


def inspect_image(data: bytes) -> LogoInfo:
    """The type and size of a logo image, read from its own header; UserError("logo", fix) unless it is a PNG
    or JPEG of at most 1 MB and 2000 × 2000 pixels."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise UserError("logo", "choose a PNG or JPEG image file")
    data = bytes(data)
    if not data:
        raise UserError("logo", "the file is empty; choose a PNG or JPEG image")
    if len(data) > LOGO_MAX_BYTES:
        raise UserError("logo", f"the image is {len(data) / (1024 * 1024):.1f} MB; choose one of at most 1 MB "
                                "(save it smaller, e.g. 600 pixels wide)")
    if data.startswith(_PNG_SIGNATURE):
        kind, (width, height) = "PNG", _png_size(data)
    elif data.startswith(b"\xff\xd8\xff"):
        kind, (width, height) = "JPEG", _jpeg_size(data)
    else:
        raise UserError("logo", "the file is not a PNG or JPEG image; save the logo as PNG or JPEG and choose it "
                                "again")
    if width < 1 or height < 1:
        raise UserError("logo", f"the {kind} file gives no image size; save it again and choose it again")
    if width > LOGO_MAX_PIXELS or height > LOGO_MAX_PIXELS:
        raise UserError("logo", f"the image is {width} × {height} pixels; choose one of at most "
                                f"{LOGO_MAX_PIXELS} × {LOGO_MAX_PIXELS} (resize it first)")
    return LogoInfo(kind, len(data), width, height)


def set_logo(ctx: ServiceContext, data: bytes | None, *, expected_version: int) -> Changes:
    """Save the partnership's logo (PNG or JPEG, checked by ``inspect_image``), or remove it (None).
    ``expected_version`` is the logo's version as the screen showed it (``settings_versions()["logo"]``, 0 when
    there was none): if someone changed it since, ConflictError naming who.

    Written without the ORM so the audit trail records "PNG 320 × 120 px, 12 kB" rather than the image."""
    info = inspect_image(data) if data is not None else None
    try:
        return _set_logo(ctx, data, info, expected_version)
    except ConflictError as exc:
        raise named_conflict(ctx, [LOGO_KEY], "setting", exc) from exc


def _set_logo(ctx: ServiceContext, data: bytes | None, info: LogoInfo | None, expected_version: int) -> Changes:
    table = OrganisationSetting.__table__
    assert isinstance(table, Table)  # a mapped class's table (typed as any FromClause)
    with ctx.unit_of_work() as s:
        query = select(OrganisationSetting.version).where(OrganisationSetting.key == LOGO_KEY)
        current = s.execute(query if ctx.db.is_sqlite else query.with_for_update()).scalar()
        if (current or 0) != expected_version:  # the version the update below is conditional on
            raise setting_conflict(s, LOGO_KEY)
        old = stored_logo(s)
        old_text = old[0].audit_text() if old else ("unreadable image" if current is not None else None)
        now, user = ctx.now(), ctx.user
        if data is None or info is None:
            if current is None:
                return Changes()
            s.execute(delete(table).where(table.c.key == LOGO_KEY))
            record(s, AuditAction.DELETE, "organisation_setting", LOGO_KEY, field="value_json", old=old_text)
            return Changes.of("settings")
        text = json.dumps({"type": info.image_type, "width": info.width, "height": info.height, "size": info.size,
                           "data": base64.b64encode(bytes(data)).decode("ascii")})
        if current is None:
            try:
                s.execute(insert(table).values(key=LOGO_KEY, value_json=text, version=1, created_at=now,
                                               created_by=user, updated_at=now, updated_by=user))
            except IntegrityError as exc:
                raise ConflictError("setting", None) from exc
            record(s, AuditAction.INSERT, "organisation_setting", LOGO_KEY, field="value_json", new=info.audit_text())
        else:
            done = s.execute(update(table).where(table.c.key == LOGO_KEY, table.c.version == current)
                             .values(value_json=text, version=current + 1, updated_at=now, updated_by=user))
            assert isinstance(done, CursorResult)  # an UPDATE's result (typed as any Result)
            if done.rowcount != 1:
                raise ConflictError("setting", None)
            record(s, AuditAction.UPDATE, "organisation_setting", LOGO_KEY, field="value_json", old=old_text,
                   new=info.audit_text())
    return Changes.of("settings")
