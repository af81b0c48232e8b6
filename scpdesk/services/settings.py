"""Organisation settings: the settings screen's reads and saves, and the public names of the settings area.

The settings area is split by what it does:

* ``settings_store`` — the values (``OrganisationSettings``, ``SETTING_KEYS``), their checks, reading them and
  the closure days, their versions. A leaf: the clocks and the referrals read it.
* ``logo`` — the partnership's logo (checked from its own header, saved with ``set_logo``).
* ``closures`` — the local closure days; a change returns which open clocks moved.
* this module — what the settings screen opens with (``settings_snapshot``) and saves (``save_settings``).

The UI, the command line and the tests import every public name from here. Inside the services, import from
the module that defines a name (a service importing this module could close an import cycle through the
clocks: an import-linter contract keeps ``scpdesk.services`` acyclic).

Each setting is one ``OrganisationSetting`` row (key → JSON value) with its own version: ``save_settings(...,
expected=...)`` refuses a stale edit, and the ORM audit hook records every change in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..errors import ConflictError, UserError, ValidationErrors
from ..models import OrganisationSetting
from .closures import (
    CLOSURES_KEY,
    MAX_CLOSURE_REASON,
    ClosureDTO,
    ClosureResult,
    MovedClock,
    add_closure,
    import_closures,
    list_closures,
    remove_closure,
)
from .dto import Changes
from .logo import LOGO_MAX_BYTES, LOGO_MAX_PIXELS, LogoInfo, inspect_image, load_logo, logo, logo_info, set_logo
from .logo import logo_from_json as _logo_from_json
from .settings_store import (
    COMING_RULE_SETS,
    LOGO_KEY,
    MARKINGS,
    RETENTION_TYPES,
    SETTING_KEYS,
    OrganisationSettings,
    SettingInfo,
    check_value,
    display_value,
    get_settings,
    load_closures,
    load_settings,
    load_versions,
    named_conflict,
    parse_setting_value,
    setting_conflict,
    setting_key,
    settings_from_rows,
    settings_versions,
    versions_from_rows,
)

if TYPE_CHECKING:
    from .uow import ServiceContext

__all__ = [
    "CLOSURES_KEY", "COMING_RULE_SETS", "LOGO_KEY", "LOGO_MAX_BYTES", "LOGO_MAX_PIXELS", "MARKINGS",
    "MAX_CLOSURE_REASON", "RETENTION_TYPES", "SETTING_KEYS", "ClosureDTO", "ClosureResult", "LogoInfo", "MovedClock",
    "OrganisationSettings", "SettingInfo", "SettingsSnapshot", "add_closure", "display_value", "get_settings",
    "import_closures", "inspect_image", "list_closures", "load_closures", "load_logo", "load_settings", "logo",
    "logo_info", "parse_setting_value", "remove_closure", "save_settings", "set_logo", "setting_key",
    "settings_snapshot", "settings_versions",
]


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
    stored = _logo_from_json(next((raw for key, raw, _version in rows if key == LOGO_KEY), None))
    return SettingsSnapshot(settings_from_rows((key, raw) for key, raw, _version in rows if key != LOGO_KEY),
                            versions_from_rows((key, version) for key, _raw, version in rows),
                            stored[0] if stored else None)


# Saving -------------------------------------------------------------------------------------------------

def _check_expected(s: Session, expected: Mapping[str, int]) -> None:
    current = load_versions(s)
    for name, version in expected.items():
        key = setting_key(name)
        if current[key] != version:
            raise setting_conflict(s, LOGO_KEY if key == "logo" else key)


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
            clean[key] = check_value(key, value)
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
        raise named_conflict(ctx, clean, "setting", exc) from exc


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
    return Changes.of("settings")
