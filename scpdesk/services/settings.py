"""Organisation settings (stored in the database) with the defaults of domain.md *(setting)* items, the
partnership's logo, and the local closure days every working-day clock skips.

One profile per database (a shared PostgreSQL database is one partnership). Each setting is one
``OrganisationSetting`` row (key → JSON value) with its own version: ``save_settings(..., expected=...)``
refuses a stale edit, and the ORM audit hook records every change in the same transaction. Services read the
settings per call (``load_settings``), so a change takes effect at once, without a restart.

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
* **Logo**: a PNG or JPEG file of at most 1 MB and 2000 × 2000 pixels, checked from its own header (PNG
  IHDR, JPEG SOF), stored as given (base64 in JSON under key ``logo_png``, with its type and size). Its
  audit events say "PNG 320 × 120 px, 12 kB" rather than repeating the image.
* **Closure days** change every clock at once; adding, removing or importing them returns which open clocks
  moved (record, clock, old due date, new due date).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import logging
import os
import re
import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from ..errors import ConflictError, NotFoundError, UserError, ValidationErrors
from ..models import ClosureDay, OrganisationSetting
from ..models.audit import record
from ..models.enums import AuditAction
from ..models.timeframes import (
    DEFAULT_SETTINGS,
    RAPID_REVIEW_STARTS,
    RULE_SETS,
    RuleSet,
    format_date,
    with_rapid_review_start,
)
from .dto import Changes

if TYPE_CHECKING:
    from .uow import ServiceContext

log = logging.getLogger(__name__)

__all__ = [
    "LOGO_KEY", "MARKINGS", "RETENTION_TYPES", "SETTING_KEYS", "ClosureDTO", "ClosureResult", "LogoInfo",
    "MovedClock", "OrganisationSettings", "SettingInfo", "SettingsSnapshot", "add_closure", "display_value",
    "get_settings", "import_closures", "inspect_image", "list_closures", "load_closures", "load_logo",
    "load_settings", "logo", "logo_info", "parse_setting_value", "remove_closure", "save_settings", "set_logo",
    "setting_key", "settings_snapshot", "settings_versions",
]

#: The storage key of the logo (its SETTING_KEYS entry is "logo").
LOGO_KEY = "logo_png"
LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_PIXELS = 2000
#: The markings a partnership may choose; "" is "none" (no marking printed).
MARKINGS = ("OFFICIAL-SENSITIVE", "OFFICIAL", "")
_NONE = "none"
#: Rule sets listed as coming; choosing one is refused with a clear message.
COMING_RULE_SETS = {"wales": "Wales", "scotland": "Scotland", "northern_ireland": "Northern Ireland"}
#: The record types with a retention period, in the order the settings screen lists them.
RETENTION_TYPES = ("referral", "rapid_review", "meeting", "review", "audit")
#: Closure days outside these years are almost certainly typing mistakes.
_FIRST_YEAR, _LAST_YEAR = 2000, 2100
MAX_CLOSURE_REASON = 200

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class OrganisationSettings:
    partnership_name: str = "Safeguarding Children Partnership"
    partnership_short_name: str = "SCP"
    rule_set: str = "england"
    #: Which event starts the rapid review clock (rule 8): "partners_aware" (default) or "sin_sent".
    rapid_review_start: str = "partners_aware"
    #: "" means no marking is printed.
    marking_pack: str = "OFFICIAL-SENSITIVE"
    marking_publication: str = "OFFICIAL"
    published_window_months: int = DEFAULT_SETTINGS["published_window_months"]
    lcspr_target_months: int = DEFAULT_SETTINGS["lcspr_target_months"]
    pre_publication_working_days: int = DEFAULT_SETTINGS["pre_publication_working_days"]
    panel_response_working_days: int = DEFAULT_SETTINGS["panel_response_working_days"]
    #: Where archive requests go (printed with "available on request").
    contact_email: str = ""
    contact_address: str = ""
    retention_referral_years: int = 25
    retention_rapid_review_years: int = 25
    retention_meeting_years: int = 25
    retention_review_years: int = 100
    retention_audit_years: int = 25
    #: While set, no record may be destroyed whatever its retention period.
    legal_hold: bool = False
    #: Local database files must be encrypted (SQLCipher): an unencrypted one is refused at start.
    require_encryption: bool = False
    #: Minutes without mouse or keyboard before the window hides every record behind the lock screen.
    idle_lock_minutes: int = 10
    #: True once a partnership name has been saved (the first-run screen asks for the profile until then).
    is_configured: bool = False

    @property
    def ruleset(self) -> RuleSet:
        base = RULE_SETS.get(self.rule_set, RULE_SETS["england"])
        start = self.rapid_review_start if self.rapid_review_start in RAPID_REVIEW_STARTS else "partners_aware"
        return with_rapid_review_start(base, start)

    def clock_settings(self) -> Mapping[str, int]:
        return {key: getattr(self, key) for key in DEFAULT_SETTINGS}

    def retention_years(self, record_type: str) -> int:
        """Years to keep a closed record of ``record_type`` (one of RETENTION_TYPES)."""
        if record_type not in RETENTION_TYPES:
            raise ValueError(f"unknown record type {record_type!r}")
        return int(getattr(self, f"retention_{record_type}_years"))


@dataclass(frozen=True)
class SettingInfo:
    """What a settings screen or the command line needs to show and check one setting."""

    key: str
    label: str
    help: str
    #: "text", "multiline", "email", "choice", "int", "bool" or "logo".
    kind: str
    default: Any = None
    #: (value, label) pairs for "choice" settings; values are what ``OrganisationSettings`` holds.
    choices: tuple[tuple[str, str], ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    unit: str = ""
    max_length: int | None = None
    required: bool = False
    group: str = ""


_DEFAULTS = OrganisationSettings()
_MARKING_CHOICES = (("OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE"), ("OFFICIAL", "OFFICIAL"),
                    ("", "none (no marking printed)"))


def _int(key: str, label: str, help_: str, low: int, high: int, unit: str, group: str) -> SettingInfo:
    return SettingInfo(key, label, help_, "int", getattr(_DEFAULTS, key), minimum=low, maximum=high, unit=unit,
                       group=group)


_RETENTION_LABELS = {"referral": "referrals", "rapid_review": "rapid reviews", "meeting": "meetings",
                     "review": "reviews (library)", "audit": "the audit trail"}

#: Every setting, in the order a settings screen shows them. Keys are OrganisationSettings field names (the
#: logo's is "logo"; it is saved with ``set_logo``).
SETTING_KEYS: Mapping[str, SettingInfo] = {info.key: info for info in (
    SettingInfo("partnership_name", "Partnership name",
                "The partnership's full name, printed on every document (e.g. Northshire Safeguarding Children "
                "Partnership).", "text", _DEFAULTS.partnership_name, max_length=200, required=True,
                group="Partnership"),
    SettingInfo("partnership_short_name", "Short name",
                "The short name used in lists and file names (e.g. NSCP).", "text",
                _DEFAULTS.partnership_short_name, max_length=40, required=True, group="Partnership"),
    SettingInfo("logo", "Logo", "A PNG or JPEG image of at most 1 MB and 2000 × 2000 pixels, printed on meeting "
                "packs and learning summaries.", "logo", None, group="Partnership"),
    SettingInfo("contact_email", "Contact email for archive requests",
                "Where requests for archived reviews are sent, e.g. scp@northshire.gov.uk.", "email", "",
                max_length=254, group="Partnership"),
    SettingInfo("contact_address", "Postal address for archive requests",
                "The business unit's postal address (several lines).", "multiline", "", max_length=500,
                group="Partnership"),
    SettingInfo("rule_set", "Nation (rule set)",
                "The statutory guidance and bank holidays the clocks follow. England now; Wales, Scotland and "
                "Northern Ireland are coming.", "choice", "england",
                choices=(("england", "England"),) + tuple((k, f"{v} (coming)") for k, v in COMING_RULE_SETS.items()),
                group="Rules"),
    SettingInfo("rapid_review_start", "Rapid review clock starts from",
                "The event the 15 working days of the rapid review (rule 8) count from: the partners becoming "
                "aware (the default) or the notification sent to the National Panel. \"Why this date\" names the "
                "one used; changing it recomputes every rapid review clock.", "choice", "partners_aware",
                choices=tuple((k, v[0].upper() + v[1:]) for k, v in RAPID_REVIEW_STARTS.items()), group="Rules"),
    SettingInfo("marking_pack", "Marking of packs and rapid review material",
                "The protective marking printed on meeting packs and rapid review documents.", "choice",
                _DEFAULTS.marking_pack, choices=_MARKING_CHOICES, group="Documents"),
    SettingInfo("marking_publication", "Marking of learning summaries and published reports",
                "The protective marking printed on learning summaries, action plans and published reports.",
                "choice", _DEFAULTS.marking_publication, choices=_MARKING_CHOICES, group="Documents"),
    _int("published_window_months", "Published window",
         "How long a published review stays on the website before it shows \"Archived — available on request\" "
         "(rule 13; some partnerships use 24).", 1, 60, "months", "Timeframes"),
    _int("lcspr_target_months", "LCSPR target",
         "From the decision to undertake an LCSPR to its publication (rule 11).", 1, 24, "months", "Timeframes"),
    _int("pre_publication_working_days", "Pre-publication notice",
         "The final report goes to the National Panel and the Secretary of State at least this many working days "
         "before publication (rule 12).", 0, 30, "working days", "Timeframes"),
    _int("panel_response_working_days", "Panel response expected",
         "When a reply from the National Panel is expected after the rapid review was sent (rule 10).", 1, 60,
         "working days", "Timeframes"),
    *(_int(f"retention_{t}_years", f"Keep {_RETENTION_LABELS[t]}",
           f"Years to keep {_RETENTION_LABELS[t]} after the record is closed.", 1, 100, "years", "Retention")
      for t in RETENTION_TYPES),
    SettingInfo("legal_hold", "Legal hold",
                "While on (an inquiry, litigation or police investigation), nothing is destroyed whatever the "
                "retention periods say.", "bool", False, group="Retention"),
    SettingInfo("require_encryption", "Require encrypted local files",
                "When on, scpdesk refuses to open a local database file that is not encrypted (each user runs "
                "'scpdesk db encrypt' once). A shared server is protected by IT instead.", "bool", False,
                group="Security"),
    _int("idle_lock_minutes", "Lock after idle time",
         "Minutes without mouse or keyboard before the window hides every record until the user unlocks it.",
         1, 60, "minutes", "Security"),
)}

_STORED = {k for k, info in SETTING_KEYS.items() if info.kind != "logo"}
assert _STORED <= {f.name for f in fields(OrganisationSettings)}


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
        chosen = "_".join(value.strip().lower().replace("-", " ").split())
        if chosen == "england":
            return chosen
        if chosen in COMING_RULE_SETS:
            raise UserError(key, f"the {COMING_RULE_SETS[chosen]} rule set is coming in a later version of "
                                 "scpdesk; choose england for now")
        raise UserError(key, "choose england (wales, scotland and northern_ireland are coming later)")
    if key == "rapid_review_start":
        chosen = "_".join(value.strip().lower().replace("-", " ").split())
        by_label = {"_".join(v.lower().split()): k for k, v in RAPID_REVIEW_STARTS.items()}
        chosen = by_label.get(chosen, chosen)
        if chosen in RAPID_REVIEW_STARTS:
            return chosen
        raise UserError(key, "choose partners_aware (the partners became aware) or sin_sent (the notification "
                             "sent to the National Panel)")
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
        if _CONTROL.search(text.replace("\t", " ")):
            raise UserError(key, "remove the control characters from the text")
    else:
        if _CONTROL.search(value.replace("\t", " ").replace("\n", " ").replace("\r", " ")):
            raise UserError(key, "remove the control characters from the text")
        text = " ".join(value.split())
    if info.required and not text:
        raise UserError(key, f"enter the {info.label.lower()}; it cannot be left empty")
    if info.max_length is not None and len(text) > info.max_length:
        raise UserError(key, f"keep it to {info.max_length} characters (it has {len(text)})")
    if info.kind == "email" and text and not (_EMAIL.fullmatch(text) and ".." not in text):
        raise UserError(key, "enter an email address like scp@northshire.gov.uk, or leave it empty")
    return text


def _loaded(key: str, value: Any) -> Any:
    """A stored value as OrganisationSettings holds it; ValueError if it cannot be used (the default is)."""
    info = SETTING_KEYS[key]
    if info.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("not a whole number")
        assert info.minimum is not None and info.maximum is not None
        if not info.minimum <= value <= info.maximum:
            raise ValueError(f"outside {info.minimum}–{info.maximum}")
        return value
    if info.kind == "bool":
        if not isinstance(value, bool):
            raise ValueError("not yes or no")
        return value
    if not isinstance(value, str):
        raise ValueError("not text")
    if key.startswith("marking_") and value.strip().lower() in ("", _NONE):
        return ""
    if key == "rapid_review_start" and value not in RAPID_REVIEW_STARTS:
        raise ValueError("not a rapid review start")
    return value


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


def _settings_from(rows: Iterable[tuple[str, str]]) -> OrganisationSettings:
    values: dict[str, Any] = {}
    for key, raw in rows:
        if key not in _STORED:
            continue
        try:
            values[key] = _loaded(key, json.loads(raw))
        except ValueError as exc:
            log.warning("organisation setting %s ignored (%s); using the default", key, exc)
    if values.get("partnership_name", "").strip():
        values["is_configured"] = True
    return OrganisationSettings(**values)


def load_closures(session: Session) -> frozenset[dt.date]:
    return frozenset(session.scalars(select(ClosureDay.day)))


def get_settings(ctx: ServiceContext) -> OrganisationSettings:
    with ctx.read() as s:
        return load_settings(s)


def settings_versions(ctx: ServiceContext) -> dict[str, int]:
    """Every setting key (SETTING_KEYS) → its saved version, 0 when never saved. Pass the versions a screen
    showed as ``expected`` to ``save_settings`` (or ``versions["logo"]`` to ``set_logo``)."""
    with ctx.read() as s:
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

def _conflict(s: Session, key: str, entity: str = "setting") -> ConflictError:
    if entity == "setting":  # name which one: "setting 'Partnership name'"
        info = SETTING_KEYS.get("logo" if key == LOGO_KEY else key)
        entity = f"setting '{info.label}'" if info is not None else entity
    row = s.execute(select(OrganisationSetting.updated_by, OrganisationSetting.updated_at)
                    .where(OrganisationSetting.key == key)).one_or_none()
    if row is None:
        return ConflictError(entity, None)
    return ConflictError(entity, None, row.updated_by or None, f"{row.updated_at:%d/%m/%Y %H:%M} UTC")


def _named_conflict(ctx: ServiceContext, keys: Iterable[str], entity: str, exc: ConflictError) -> ConflictError:
    """A clash found at the write itself (a row moved between our check and our flush): name who saved
    last among ``keys``, read afresh in a new session."""
    if exc.changed_by:
        return exc
    with ctx.read() as s:
        last = s.scalar(select(OrganisationSetting.key).where(OrganisationSetting.key.in_(list(keys)))
                        .order_by(OrganisationSetting.updated_at.desc()).limit(1))
        return _conflict(s, last, entity) if last is not None else exc


def _check_expected(s: Session, expected: Mapping[str, int]) -> None:
    current = _versions(s)
    for name, version in expected.items():
        key = setting_key(name)
        if current[key] != version:
            raise _conflict(s, LOGO_KEY if key == "logo" else key)


def save_settings(ctx: ServiceContext, changes: Mapping[str, Any], *, expected: Mapping[str, int]) -> Changes:
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
        return _save_settings(ctx, clean, shown)
    except ConflictError as exc:
        raise _named_conflict(ctx, clean, "setting", exc) from exc


def _save_settings(ctx: ServiceContext, clean: Mapping[str, Any], expected: Mapping[str, int]) -> Changes:
    with ctx.unit_of_work() as s:
        # The rows are read (and, on a server, locked) before the check, and the check is made on them: a save
        # that lands in between cannot slip under it.
        query = select(OrganisationSetting).where(OrganisationSetting.key.in_(list(clean)))
        if not ctx.db.is_sqlite:
            query = query.with_for_update()
        rows = {row.key: row for row in s.scalars(query)} if clean else {}
        _check_expected(s, expected)
        for key in clean:
            if (rows[key].version if key in rows else 0) != expected[key]:
                raise _conflict(s, key)
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
    return Changes.of("settings")


# The logo -----------------------------------------------------------------------------------------------

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


def _stored_logo(s: Session) -> tuple[LogoInfo, bytes] | None:
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
    stored = _stored_logo(session)
    return stored[1] if stored else None


def logo(ctx: ServiceContext) -> bytes | None:
    with ctx.read() as s:
        return load_logo(s)


def logo_info(ctx: ServiceContext) -> LogoInfo | None:
    with ctx.read() as s:
        stored = _stored_logo(s)
        return stored[0] if stored else None


def set_logo(ctx: ServiceContext, data: bytes | None, *, expected_version: int) -> Changes:
    """Save the partnership's logo (PNG or JPEG, checked by ``inspect_image``), or remove it (None).
    ``expected_version`` is the logo's version as the screen showed it (``settings_versions()["logo"]``, 0 when
    there was none): if someone changed it since, ConflictError naming who.

    Written without the ORM so the audit trail records "PNG 320 × 120 px, 12 kB" rather than the image."""
    info = inspect_image(data) if data is not None else None
    try:
        return _set_logo(ctx, data, info, expected_version)
    except ConflictError as exc:
        raise _named_conflict(ctx, [LOGO_KEY], "setting", exc) from exc


def _set_logo(ctx: ServiceContext, data: bytes | None, info: LogoInfo | None, expected_version: int) -> Changes:
    table = OrganisationSetting.__table__
    with ctx.unit_of_work() as s:
        query = select(OrganisationSetting.version).where(OrganisationSetting.key == LOGO_KEY)
        current = s.execute(query if ctx.db.is_sqlite else query.with_for_update()).scalar()
        if (current or 0) != expected_version:  # the version the update below is conditional on
            raise _conflict(s, LOGO_KEY)
        old = _stored_logo(s)
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
            if done.rowcount != 1:
                raise ConflictError("setting", None)
            record(s, AuditAction.UPDATE, "organisation_setting", LOGO_KEY, field="value_json", old=old_text,
                   new=info.audit_text())
    return Changes.of("settings")


# Closure days -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ClosureDTO:
    id: int
    day: dt.date
    reason: str
    updated_by: str = ""
    #: The version of the list of closure days when this row was read: pass it to ``remove_closure``.
    version: int = 0


#: The closure days are one list with one version, kept in this (hidden) organisation_setting row: every
#: add, removal and import moves it on, so a removal made from an out-of-date list is refused, naming who
#: changed the list. (A closure day itself is never edited, only added or removed.)
CLOSURES_KEY = "closure_days"
_CLOSURES = "list of closure days"


def _closures_version(s: Session) -> int:
    return s.scalar(select(OrganisationSetting.version).where(OrganisationSetting.key == CLOSURES_KEY)) or 0


def _lock_closures(ctx: ServiceContext, s: Session) -> None:
    """On a server, changes to the list of closure days queue behind each other (SQLite writes already do)."""
    if not ctx.db.is_sqlite:
        s.get(OrganisationSetting, CLOSURES_KEY, with_for_update=True)


def _closures_moved(s: Session, count: int) -> None:
    """Move the closure list's version on (inside the same transaction as the change to the list)."""
    row = s.get(OrganisationSetting, CLOSURES_KEY)
    text = json.dumps({"count": count})
    if row is None:
        s.add(OrganisationSetting(key=CLOSURES_KEY, value_json=text))
    else:
        row.value_json = text
        flag_modified(row, "value_json")  # the version moves even when the count comes back to the same


@dataclass(frozen=True)
class MovedClock:
    """An open clock whose due date a closure-day change moved."""

    record: str  # "referral" or "review"
    record_id: int
    reference: str
    clock: str  # the clock's label
    clock_key: str
    old_due: dt.date
    new_due: dt.date

    def describe(self) -> str:
        return f"{self.reference}: {self.clock} moved from {format_date(self.old_due)} to {format_date(self.new_due)}"


@dataclass(frozen=True)
class ClosureResult:
    """What a closure-day change did: the days added or removed, days an import found already saved, and
    every open clock that moved (soonest new due date first)."""

    changes: Changes
    days: tuple[dt.date, ...] = ()
    moved: tuple[MovedClock, ...] = ()
    already_saved: tuple[dt.date, ...] = ()

    @property
    def count(self) -> int:
        return len(self.days)


def list_closures(ctx: ServiceContext) -> list[ClosureDTO]:
    """Every closure day, earliest first."""
    with ctx.read() as s:
        version = _closures_version(s)
        return [ClosureDTO(i, d, r, u, version) for i, d, r, u in s.execute(
            select(ClosureDay.id, ClosureDay.day, ClosureDay.reason, ClosureDay.updated_by)
            .order_by(ClosureDay.day))]


def _check_day(day: Any, field_name: str = "day") -> dt.date:
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        raise UserError(field_name, "give the closure date, e.g. 29/12/2025")
    if not _FIRST_YEAR <= day.year <= _LAST_YEAR:
        raise UserError(field_name, f"{day:%d/%m/%Y} looks mistyped; give a date between {_FIRST_YEAR} and "
                                    f"{_LAST_YEAR}")
    return day


def _check_reason(reason: Any, field_name: str = "reason") -> str:
    if not isinstance(reason, str):
        raise UserError(field_name, "give the reason as text, e.g. Council Christmas closure")
    if _CONTROL.search(reason):
        raise UserError(field_name, "remove the control characters from the reason")
    text = " ".join(reason.split())
    if len(text) > MAX_CLOSURE_REASON:
        raise UserError(field_name, f"keep the reason to {MAX_CLOSURE_REASON} characters (it has {len(text)})")
    return text


@dataclass(frozen=True)
class _Inputs:
    referrals: list[Any]
    pauses: Mapping[int, list[tuple[str, str, dt.date]]]
    reviews: list[Any]


def _clock_inputs(s: Session) -> _Inputs:
    """What the open clocks of every referral (not closed) and review are computed from: two queries."""
    from ..models import RapidReview, Referral, Review
    from ..models.enums import ReferralStatus
    from .referrals import open_pauses

    referrals = s.execute(
        select(Referral.id, Referral.reference, Referral.route, Referral.la_aware_date, Referral.partners_aware_date,
               Referral.partners_notified_date, Referral.sin_sent_date, RapidReview.completed_date,
               RapidReview.sent_to_panel_date, RapidReview.panel_response_date)
        .outerjoin(RapidReview, RapidReview.referral_id == Referral.id)
        .where(Referral.status != ReferralStatus.CLOSED)).all()
    reviews = s.execute(
        select(Review.id, Review.reference, Review.review_type, Review.status, Review.decision_date,
               Review.planned_publication_date, Review.final_report_sent_date, Review.published_date,
               Review.deferral_reason, Review.deferral_review_date, Review.deferral_expected_end)).all()
    return _Inputs(referrals, open_pauses(s) if referrals else {}, reviews)


_Dues = dict[tuple[str, int, str], tuple[str, str, dt.date]]


def _open_dues(inputs: _Inputs, today: dt.date, settings: OrganisationSettings,
               closures: frozenset[dt.date]) -> _Dues:
    """(record, id, clock key) → (reference, clock label, due date) for every open clock."""
    from .clocks import referral_clocks, review_clocks

    dues: _Dues = {}
    for rid, ref, route, la, pa, pn, sin, done, sent, resp in inputs.referrals:
        for c in referral_clocks(route=route, la_aware=la, partners_aware=pa, partners_notified=pn, sin_sent=sin,
                                 rr_completed=done, rr_sent=sent, panel_response=resp,
                                 pauses=inputs.pauses.get(rid, ()), today=today, settings=settings,
                                 closures=closures):
            if c.is_open and c.due_date is not None:
                dues["referral", rid, c.key] = (ref, c.label, c.due_date)
    for rid, ref, rtype, status, decision, planned, sent, published, d_reason, d_review, d_end in inputs.reviews:
        for c in review_clocks(review_type=rtype, status=status, decision=decision, planned_publication=planned,
                               final_report_sent=sent, published=published, deferral_reason=d_reason,
                               deferral_review_date=d_review, deferral_expected_end=d_end, today=today,
                               settings=settings, closures=closures):
            if c.is_open and c.due_date is not None:
                dues["review", rid, c.key] = (ref, c.label, c.due_date)
    return dues


def _moved(s: Session, today: dt.date, before: frozenset[dt.date], after: frozenset[dt.date]) -> tuple[MovedClock, ...]:
    if before == after:
        return ()
    inputs = _clock_inputs(s)
    settings = load_settings(s)
    old, new = _open_dues(inputs, today, settings, before), _open_dues(inputs, today, settings, after)
    moved = [MovedClock(kind, rid, ref, label, key, old[kind, rid, key][2], due)
             for (kind, rid, key), (ref, label, due) in new.items()
             if (kind, rid, key) in old and old[kind, rid, key][2] != due]
    moved.sort(key=lambda m: (m.new_due, m.reference, m.clock))
    return tuple(moved)


def _closure_changes(ids: Iterable[int], moved: Iterable[MovedClock]) -> Changes:
    changes = Changes.of("closure_day", *ids) | Changes.of("settings")
    moved = list(moved)
    for kind in ("referral", "review"):
        touched = sorted({m.record_id for m in moved if m.record == kind})
        if touched:
            changes = changes | Changes.of(kind, *touched)
    return changes


def add_closure(ctx: ServiceContext, day: dt.date, reason: str = "") -> ClosureResult:
    """Add a local closure day: no clock counts it as a working day from now on. Returns the open clocks
    that moved."""
    day, reason = _check_day(day), _check_reason(reason)
    today = ctx.today()
    with ctx.unit_of_work() as s:
        _lock_closures(ctx, s)
        before = load_closures(s)
        if day in before:
            raise UserError("day", f"{format_date(day)} is already a closure day")
        row = ClosureDay(day=day, reason=reason)
        s.add(row)
        try:
            s.flush()
        except IntegrityError as exc:
            raise UserError("day", f"{format_date(day)} was added as a closure day by someone else just now; "
                                   "reload the list") from exc
        _closures_moved(s, len(before) + 1)
        moved = _moved(s, today, before, before | {day})
        return ClosureResult(_closure_changes([row.id], moved), (day,), moved)


def remove_closure(ctx: ServiceContext, day: dt.date, expected_version: int) -> ClosureResult:
    """Remove a closure day (it counts as a working day again). Returns the open clocks that moved.

    ``expected_version`` is the version of the list of closure days the user saw (``ClosureDTO.version``): if
    anyone added, removed or imported closure days since, ConflictError naming who, and nothing is removed."""
    day = _check_day(day)
    today = ctx.today()
    try:
        with ctx.unit_of_work() as s:
            _lock_closures(ctx, s)
            if _closures_version(s) != expected_version:
                raise _conflict(s, CLOSURES_KEY, _CLOSURES)
            row = s.scalars(select(ClosureDay).where(ClosureDay.day == day)).one_or_none()
            if row is None:
                raise NotFoundError("closure day", format_date(day))
            before = load_closures(s)
            row_id = row.id
            s.delete(row)
            _closures_moved(s, len(before) - 1)
            try:
                s.flush()
            except (IntegrityError, StaleDataError) as exc:  # someone changed the list at the same moment
                raise ConflictError(_CLOSURES, None) from exc
            moved = _moved(s, today, before, before - {day})
            return ClosureResult(_closure_changes([row_id], moved), (day,), moved)
    except ConflictError as exc:
        raise _named_conflict(ctx, [CLOSURES_KEY], _CLOSURES, exc) from exc


def import_closures(ctx: ServiceContext, path: str | os.PathLike[str]) -> ClosureResult:
    """Add the closure days of a .csv or .xlsx file with the headings ``date`` and ``reason`` (dates as
    2025-12-29 or 29/12/2025). All or nothing: every problem is reported with its row number
    (ValidationErrors) and nothing is saved. Days already saved are left as they are (``already_saved``)."""
    from .spreadsheet import RowCheck, parse_date, raise_problems, read_table

    path = Path(path)
    raw_rows = read_table(path, ("date", "reason"))
    if not raw_rows:
        raise UserError("file", f"{path.name} has headings but no closure days under them")
    errors: list[UserError] = []
    rows: list[tuple[int, dt.date, str]] = []
    first_row: dict[dt.date, int] = {}
    for raw in raw_rows:
        check = RowCheck(raw, errors)
        fail = check.fail
        try:
            day = parse_date(raw.get("date"))
        except ValueError as exc:
            fail("date", str(exc))
            day = None
        else:
            if day is None:
                fail("date", "enter the closure date, e.g. 29/12/2025")
            else:
                try:
                    _check_day(day)
                except UserError as exc:
                    fail("date", exc.message)
                    day = None
        try:
            reason = _check_reason(str(raw.get("reason") or ""))
        except UserError as exc:
            fail("reason", exc.message)
            reason = ""
        if day is None:
            continue
        if day in first_row:
            fail("date", f"{format_date(day)} is also in row {first_row[day]}; keep one")
            continue
        first_row[day] = check.number
        rows.append((check.number, day, reason))
    raise_problems(errors)
    today = ctx.today()
    with ctx.unit_of_work() as s:
        _lock_closures(ctx, s)
        before = load_closures(s)
        new = [ClosureDay(day=day, reason=reason) for _n, day, reason in rows if day not in before]
        already = tuple(sorted(day for _n, day, _r in rows if day in before))
        if not new:
            return ClosureResult(Changes(), (), (), already)
        s.add_all(new)
        try:
            s.flush()
        except IntegrityError as exc:
            raise UserError("file", "someone else added some of these closure days just now; import the file "
                                    "again") from exc
        record(s, AuditAction.IMPORT, "closure_day", field="file", new=f"{path.name}: {len(new)} closure days")
        _closures_moved(s, len(before) + len(new))
        after = before | {c.day for c in new}
        moved = _moved(s, today, before, after)
        return ClosureResult(_closure_changes([c.id for c in new], moved), tuple(sorted(c.day for c in new)),
                             moved, already)

