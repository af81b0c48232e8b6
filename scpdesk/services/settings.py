"""Organisation settings (stored in the database) with the defaults of domain.md *(setting)* items: the store
every clock and document reads, and the saving of the values.

One profile per database (a shared PostgreSQL database is one partnership). Each setting is one
``OrganisationSetting`` row (key → JSON value) with its own version: ``save_settings(..., expected=...)``
refuses a stale edit, and the ORM audit hook records every change in the same transaction. Services read the
settings per call (``load_settings``), so a change takes effect at once, without a restart.

This module is a leaf of the services: it imports no other service but ``dto``, so the clocks and the referrals
read the settings, the closure days (``load_closures``) and the logo (``load_logo``) from here. What moves the
clocks or checks an image lives above it: ``closures`` (the local closure days; a change returns which open
clocks moved) and ``logo`` (checking and saving the partnership's logo). An import-linter contract keeps
``scpdesk.services`` free of import cycles.

Choices made here (documented for the partnership's administrators):

* **Markings** are one of OFFICIAL-SENSITIVE, OFFICIAL or none. "none" is stored as ``"none"`` (readable in
  the audit trail) and read back as ``""`` so every document prints no marking at all.
* **Retention** is a whole number of years per record type (referral, rapid review, meeting, review, audit),
  counted from when the record is closed (a referral's decision or closure, a rapid review's completion, a
  meeting's date, a review's archiving, an audit event's date). Defaults: 25 years for the case records and
  the audit trail (child safeguarding case files are commonly kept 25 years, e.g. to the child's 43rd
  birthday), 100 years — in effect permanently — for reviews (domain.md: a published review "is kept for
  ever"). The settings record the policy; nothing is deleted automatically.
* **Legal hold** is one flag for the whole database: when set (an inquiry, litigation, a police
  investigation), nothing may be destroyed whatever the retention periods say. Holds in practice cover
  everything a partnership holds about a matter, and a single flag cannot be forgotten on one record type.
* **Logo**: stored as given (base64 in JSON under key ``logo_png``, with its type and size) once ``logo``
  has checked it; read here without the settings every list reads.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..errors import ConflictError, UserError, ValidationErrors
from ..models import ClosureDay, OrganisationSetting
from ..models.timeframes import RAPID_REVIEW_STARTS, RULE_SETS
from .dto import Changes
from .settings_values import (
    _EMAIL,
    _NONE,
    _STORED,
    BILINGUAL_FIRST_CHOICES,
    COMING_RULE_SETS,
    CONTROL_CHARACTERS,
    LOGO_KEY,
    MARKINGS,
    RETENTION_TYPES,
    SETTING_KEYS,
    OrganisationSettings,
    SettingInfo,
    _loaded,
    _settings_from,
)

if TYPE_CHECKING:
    from .uow import ServiceContext

log = logging.getLogger(__name__)

__all__ = [
    "COMING_RULE_SETS", "CONTROL_CHARACTERS", "LOGO_KEY", "MARKINGS", "RETENTION_TYPES", "SETTING_KEYS", "LogoInfo",
    "OrganisationSettings", "SettingInfo", "SettingsSnapshot", "display_value", "get_settings", "load_closures",
    "load_logo", "load_settings", "logo", "logo_info", "named_conflict", "parse_setting_value", "save_settings",
    "setting_conflict", "setting_key", "settings_snapshot", "settings_versions", "stored_logo",
]



def setting_key(name: str) -> str:
    """The setting a user typed (``published-window-months`` works too); UserError naming it if unknown."""
    key = name.strip().lower().replace("-", "_")
    if key == LOGO_KEY:
        key = "logo"
    if key not in SETTING_KEYS:
        raise UserError(name.strip() or "key", "unknown setting; choose one of " + ", ".join(SETTING_KEYS))
    return key


# Checking values ------------------------------------------------------------------------------------------

def _range_text(info: SettingInfo) -> str:
    return f"a whole number of {info.unit} from {info.minimum} to {info.maximum}"


def _check(key: str, value: Any) -> Any:
    """The value to store (JSON-able) for ``key``, or UserError naming the setting and the fix."""
    info = SETTING_KEYS[key]
    if info.kind == "logo":
        raise UserError("logo", "the logo is an image file: save it with set_logo (or 'scpdesk settings set logo "
                                "FILE')")
    if info.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise UserError(key, f"give {_range_text(info)}")
        assert info.minimum is not None and info.maximum is not None
        if not info.minimum <= value <= info.maximum:
            raise UserError(key, f"give {_range_text(info)}, not {value}")
        return value
    if info.kind == "bool":
        if not isinstance(value, bool):
            raise UserError(key, "choose yes or no")
        return value
    if not isinstance(value, str):
        raise UserError(key, f"give {info.label.lower()} as text")
    if key == "rule_set":
        # "northern-ireland", "Northern Ireland" and "northern_ireland" are the same choice.
        chosen = "_".join(value.strip().lower().replace("-", " ").split())
        by_label = {"_".join(r.label.lower().split()): k for k, r in RULE_SETS.items() if r.label}
        chosen = by_label.get(chosen, chosen)
        if chosen in RULE_SETS:
            return chosen
        if chosen in COMING_RULE_SETS:
            raise UserError(key, f"the {COMING_RULE_SETS[chosen]} rule set is coming in a later version of "
                                 "scpdesk; choose another for now")
        raise UserError(key, "choose " + ", ".join(RULE_SETS))
    if key == "rapid_review_start":
        chosen = "_".join(value.strip().lower().replace("-", " ").split())
        by_label = {"_".join(v.lower().split()): k for k, v in RAPID_REVIEW_STARTS.items()}
        chosen = by_label.get(chosen, chosen)
        if chosen in RAPID_REVIEW_STARTS:
            return chosen
        raise UserError(key, "choose partners_aware (the partners became aware) or sin_sent (the notification "
                             "sent to the National Panel)")
    if key == "bilingual_first":
        chosen = value.strip().lower()
        chosen = {"welsh": "cy", "cymraeg": "cy", "english": "en", "saesneg": "en", "by nation": "auto"}.get(
            chosen, chosen)
        if chosen in dict(BILINGUAL_FIRST_CHOICES):
            return chosen
        raise UserError(key, "choose auto (Welsh first in Wales, English first elsewhere), cy (Welsh first) or en "
                             "(English first)")
    if info.kind == "choice":  # the markings
        chosen = " ".join(value.split()).upper()
        chosen = {"OFFICIAL SENSITIVE": "OFFICIAL-SENSITIVE", "": _NONE.upper()}.get(chosen, chosen)
        if chosen == _NONE.upper():
            return _NONE
        if chosen in MARKINGS:
            return chosen
        raise UserError(key, "choose OFFICIAL-SENSITIVE, OFFICIAL or none")
    if info.kind == "multiline":
        text = "\n".join(line.strip() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        text = re.sub(r"\n{3,}", "\n\n", text).strip()
        if CONTROL_CHARACTERS.search(text.replace("\t", " ")):
            raise UserError(key, "remove the control characters from the text")
    else:
        if CONTROL_CHARACTERS.search(value.replace("\t", " ").replace("\n", " ").replace("\r", " ")):
            raise UserError(key, "remove the control characters from the text")
        text = " ".join(value.split())
    if info.required and not text:
        raise UserError(key, f"enter the {info.label.lower()}; it cannot be left empty")
    if info.max_length is not None and len(text) > info.max_length:
        raise UserError(key, f"keep it to {info.max_length} characters (it has {len(text)})")
    if info.kind == "email" and text and not (_EMAIL.fullmatch(text) and ".." not in text):
        raise UserError(key, "enter an email address like scp@northshire.gov.uk, or leave it empty")
    return text


def display_value(key: str, value: Any) -> str:
    """A value as the command line shows it and ``parse_setting_value`` reads it back."""
    info = SETTING_KEYS[setting_key(key)]
    if info.kind == "bool":
        return "yes" if value else "no"
    if info.kind == "choice" and value == "":
        return _NONE
    if value is None:
        return ""
    return str(value)


def parse_setting_value(key: str, text: str) -> Any:
    """A typed value (the command line) as ``save_settings`` takes it: whole numbers, yes/no, markings (none
    included), text (``\\n`` starts a new line of the address). UserError naming the key and the fix."""
    key = setting_key(key)
    info = SETTING_KEYS[key]
    raw = text.strip()
    value: Any
    if info.kind == "int":
        try:
            value = int(raw)
        except ValueError:
            raise UserError(key, f"give {_range_text(info)}, not {raw!r}") from None
    elif info.kind == "bool":
        answers = {"yes": True, "y": True, "true": True, "on": True, "1": True,
                   "no": False, "n": False, "false": False, "off": False, "0": False}
        if raw.lower() not in answers:
            raise UserError(key, f"answer yes or no, not {raw!r}")
        value = answers[raw.lower()]
    elif info.kind == "multiline":
        value = text.replace("\\n", "\n")
    else:
        value = text
    checked = _check(key, value)
    return _loaded(key, checked) if key in _STORED else checked


# Reading ------------------------------------------------------------------------------------------------

def _read_rows(session: Session) -> Iterable[tuple[str, str]]:
    # The logo (up to 1.4 MB of base64) is never read with the settings every list reads.
    return session.execute(select(OrganisationSetting.key, OrganisationSetting.value_json)
                           .where(OrganisationSetting.key != LOGO_KEY))


def load_settings(session: Session) -> OrganisationSettings:
    """The saved settings over the defaults. A value that cannot be used (edited by hand, from an older
    version) falls back to the default and is logged."""
    return _settings_from(_read_rows(session))


def load_closures(session: Session) -> frozenset[dt.date]:
    """The local closure days every working-day clock skips (changed through ``closures``)."""
    return frozenset(session.scalars(select(ClosureDay.day)))


def get_settings(ctx: ServiceContext) -> OrganisationSettings:
    with ctx.read_one() as s:  # one statement: one round trip on a server
        return load_settings(s)


def settings_versions(ctx: ServiceContext) -> dict[str, int]:
    """Every setting key (SETTING_KEYS) → its saved version, 0 when never saved. Pass the versions a screen
    showed as ``expected`` to ``save_settings`` (or ``versions["logo"]`` to ``set_logo``)."""
    with ctx.read_one() as s:
        return _versions(s)


def _versions(s: Session) -> dict[str, int]:
    return _versions_from(s.execute(select(OrganisationSetting.key, OrganisationSetting.version)))


def _versions_from(rows: Iterable[tuple[str, int]]) -> dict[str, int]:
    found = dict.fromkeys(SETTING_KEYS, 0)
    for key, version in rows:
        name = "logo" if key == LOGO_KEY else key
        if name in found:
            found[name] = version
    return found


# The saved logo ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LogoInfo:
    image_type: str  # "PNG" or "JPEG"
    size: int  # bytes
    width: int
    height: int

    @property
    def kilobytes(self) -> int:
        return max(1, round(self.size / 1024))

    def describe(self) -> str:
        """"12 kB PNG"."""
        return f"{self.kilobytes} kB {self.image_type}"

    def audit_text(self) -> str:
        return f"{self.image_type} {self.width} × {self.height} px, {self.kilobytes} kB"


def stored_logo(s: Session) -> tuple[LogoInfo, bytes] | None:
    return _logo_from(s.scalar(select(OrganisationSetting.value_json).where(OrganisationSetting.key == LOGO_KEY)))


def _logo_from(raw: str | None) -> tuple[LogoInfo, bytes] | None:
    if raw is None:
        return None
    try:
        value = json.loads(raw)
        data = base64.b64decode(value["data"], validate=True)
        return LogoInfo(str(value["type"]), len(data), int(value["width"]), int(value["height"])), data
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        log.warning("the saved logo cannot be read (%s); documents print without it", type(exc).__name__)
        return None


def load_logo(session: Session) -> bytes | None:
    """The logo's bytes (PNG or JPEG, as given) for a document, or None."""
    stored = stored_logo(session)
    return stored[1] if stored else None


def logo(ctx: ServiceContext) -> bytes | None:
    with ctx.read() as s:
        return load_logo(s)


def logo_info(ctx: ServiceContext) -> LogoInfo | None:
    with ctx.read() as s:
        stored = stored_logo(s)
        return stored[0] if stored else None


@dataclass(frozen=True)
class SettingsSnapshot:
    """What a settings screen opens with, read at one moment: the values, their versions and the logo's
    description (not the image)."""

    settings: OrganisationSettings
    versions: Mapping[str, int]
    logo: LogoInfo | None = None


def settings_snapshot(ctx: ServiceContext) -> SettingsSnapshot:
    # Values and versions from the same rows, in one query: on a server each query sees the latest commits, so
    # values from one query and versions from the next could pair an old value with a newer version, and a
    # Save from the screen would then overwrite that newer value unchecked.
    with ctx.read() as s:
        rows = s.execute(select(OrganisationSetting.key, OrganisationSetting.value_json,
                                OrganisationSetting.version)).all()
    stored = _logo_from(next((raw for key, raw, _version in rows if key == LOGO_KEY), None))
    return SettingsSnapshot(_settings_from((key, raw) for key, raw, _version in rows if key != LOGO_KEY),
                            _versions_from((key, version) for key, _raw, version in rows),
                            stored[0] if stored else None)


# Saving -------------------------------------------------------------------------------------------------

def setting_conflict(s: Session, key: str, entity: str = "setting") -> ConflictError:
    if entity == "setting":  # name which one: "setting 'Partnership name'"
        info = SETTING_KEYS.get("logo" if key == LOGO_KEY else key)
        entity = f"setting '{info.label}'" if info is not None else entity
    row = s.execute(select(OrganisationSetting.updated_by, OrganisationSetting.updated_at)
                    .where(OrganisationSetting.key == key)).one_or_none()
    if row is None:
        return ConflictError(entity, None)
    return ConflictError(entity, None, row.updated_by or None, f"{row.updated_at:%d/%m/%Y %H:%M} UTC")


def named_conflict(ctx: ServiceContext, keys: Iterable[str], entity: str, exc: ConflictError) -> ConflictError:
    """A clash found at the write itself (a row moved between our check and our flush): name who saved
    last among ``keys``, read afresh in a new session."""
    if exc.changed_by:
        return exc
    with ctx.read() as s:
        last = s.scalar(select(OrganisationSetting.key).where(OrganisationSetting.key.in_(list(keys)))
                        .order_by(OrganisationSetting.updated_at.desc()).limit(1))
        return setting_conflict(s, last, entity) if last is not None else exc


def _check_expected(s: Session, expected: Mapping[str, int]) -> None:
    current = _versions(s)
    for name, version in expected.items():
        key = setting_key(name)
        if current[key] != version:
            raise setting_conflict(s, LOGO_KEY if key == "logo" else key)


#: Called inside the save's transaction, after its flush, with the settings before and after (the organisation
#: package's ``save_settings_moving`` reports the clocks a change moved this way; this module imports no service).
SavedHook = Callable[[Session, OrganisationSettings, OrganisationSettings], None]


def save_settings(ctx: ServiceContext, changes: Mapping[str, Any], *, expected: Mapping[str, int],
                  on_saved: SavedHook | None = None) -> Changes:
    """Validate every change (UserError, or ValidationErrors listing each setting and its fix), then save them
    together. ``expected`` maps setting keys to the versions the user saw (``settings_versions``; 0 = never
    saved) and must name every key in ``changes``: if any has moved, nothing is saved and ConflictError
    names who saved it. Unchanged values are not rewritten (no version bump, no audit row)."""
    clean: dict[str, Any] = {}
    errors: list[UserError] = []
    for name, value in changes.items():
        try:
            key = setting_key(name)
            clean[key] = _check(key, value)
        except UserError as exc:
            errors.append(exc)
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
    shown = {setting_key(name): version for name, version in expected.items()}
    unchecked = sorted(set(clean) - set(shown))
    if unchecked:  # a caller's mistake, never the user's: a change without the version it replaces
        raise TypeError(f"save_settings: no expected version for {', '.join(unchecked)}")
    try:
        return _save_settings(ctx, clean, shown, on_saved)
    except ConflictError as exc:
        raise named_conflict(ctx, clean, "setting", exc) from exc


def _save_settings(ctx: ServiceContext, clean: Mapping[str, Any], expected: Mapping[str, int],
                   on_saved: SavedHook | None = None) -> Changes:
    with ctx.unit_of_work() as s:
        before = load_settings(s) if on_saved is not None else None
        # The rows are read (and, on a server, locked) before the check, and the check is made on them: a save
        # that lands in between cannot slip under it.
        query = select(OrganisationSetting).where(OrganisationSetting.key.in_(list(clean)))
        if not ctx.db.is_sqlite:
            query = query.with_for_update()
        rows = {row.key: row for row in s.scalars(query)} if clean else {}
        _check_expected(s, expected)
        for key in clean:
            if (rows[key].version if key in rows else 0) != expected[key]:
                raise setting_conflict(s, key)
        for key, value in clean.items():
            text = json.dumps(value, ensure_ascii=False)
            row = rows.get(key)
            if row is None:
                s.add(OrganisationSetting(key=key, value_json=text))
            elif row.value_json != text:
                row.value_json = text
        try:
            s.flush()
        except (IntegrityError, StaleDataError) as exc:  # someone saved the same setting at the same moment
            raise ConflictError("setting", None) from exc
        if on_saved is not None and before is not None:
            on_saved(s, before, load_settings(s))
    return Changes.of("settings")
