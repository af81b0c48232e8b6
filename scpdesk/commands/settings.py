"""``scpdesk settings show [--json]`` and ``scpdesk settings set KEY VALUE``: the partnership profile from the
command line, for IT staff setting up many PCs against one shared database (or scripting a new one).

Values are shown as ``set`` reads them back (``none`` for no marking, ``yes``/``no``); the logo is shown as
"set (12 kB PNG)" or "not set" and set from a file path (``none`` removes it). Closure days are managed in
the application. A value that cannot be saved exits 64 with a message naming the key and the fix.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..cli import EXIT_OK
from ..errors import UserError

if TYPE_CHECKING:  # the parser is built before any database code is imported (a fast start)
    from ..services.registry import Services


def add_parsers(commands: Any, import_what: Any, export_what: Any) -> None:
    settings = commands.add_parser("settings", help="show or change the partnership profile and organisation "
                                                    "settings (shared by everyone using the database)")
    actions = settings.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="every setting with its value")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    change = actions.add_parser("set", help="change one setting (checked as in the application)",
                                description="KEY is a setting 'scpdesk settings show' lists. The logo takes a PNG "
                                            "or JPEG file path ('none' removes it); markings take "
                                            "OFFICIAL-SENSITIVE, OFFICIAL or none; legal_hold takes yes or no; "
                                            "in contact_address \\n starts a new line.")
    change.add_argument("key", metavar="KEY", help="the setting (see 'scpdesk settings show')")
    change.add_argument("value", metavar="VALUE", help="its new value")


def run(args: argparse.Namespace, services: Services) -> int | None:
    if args.command != "settings":
        return None
    if args.settings_command == "show":
        return _show(args, services)
    return _set(args, services)


def _values(services: Services) -> tuple[dict[str, Any], bool]:
    from ..services.settings import SETTING_KEYS, display_value, settings_snapshot

    snapshot = settings_snapshot(services.ctx)
    values: dict[str, Any] = {}
    for key, info in SETTING_KEYS.items():
        if info.kind == "logo":
            values[key] = f"set ({snapshot.logo.describe()})" if snapshot.logo else "not set"
        elif info.kind in ("int", "bool"):
            values[key] = getattr(snapshot.settings, key)
        else:
            values[key] = display_value(key, getattr(snapshot.settings, key))
    return values, snapshot.settings.is_configured


def _show(args: argparse.Namespace, services: Services) -> int:
    from ..services.settings import display_value

    values, configured = _values(services)
    if args.json:
        print(json.dumps({**values, "is_configured": configured}, indent=2, ensure_ascii=False))
        return EXIT_OK
    width = max(len(k) for k in values)
    for key, value in values.items():
        text = display_value(key, value) if isinstance(value, bool | int) else str(value)
        lines = text.split("\n") or [""]
        print(f"{key:<{width}}  {lines[0]}".rstrip())
        for line in lines[1:]:
            print(f"{'':<{width}}  {line}".rstrip())
    if not configured:
        print("\nThe partnership profile is not set up yet: scpdesk settings set partnership_name \"NAME\"")
    return EXIT_OK


def _set(args: argparse.Namespace, services: Services) -> int:
    from ..services.organisation.closures import save_settings_moving
    from ..services.organisation.logo import set_logo
    from ..services.settings import (
        SETTING_KEYS,
        display_value,
        parse_setting_value,
        setting_key,
        settings_versions,
    )

    key = setting_key(args.key)
    # The command shows nothing before it saves: the value replaces the setting as it is now (the version
    # read here); a change someone saves in between is still refused (ConflictError names who).
    version = settings_versions(services.ctx)[key]
    if SETTING_KEYS[key].kind == "logo":
        data = _read_logo(args.value)
        set_logo(services.ctx, data, expected_version=version)
    lines: list[str] = []
    if SETTING_KEYS[key].kind != "logo":  # rule_set accepts "northern-ireland" as northern_ireland
        result = save_settings_moving(services.ctx, {key: parse_setting_value(key, args.value)},
                                      expected={key: version})
        lines = result.lines()
    values, _configured = _values(services)
    shown = values[key]
    shown = display_value(key, shown) if isinstance(shown, bool | int) else str(shown)
    print(f"Saved {key}: {shown}".replace("\n", ", "))
    if lines:  # the open clocks the change moved, ended without an equivalent, or started
        print(f"{len(lines)} open clock{'s' if len(lines) != 1 else ''} changed:")
        for line in lines:
            print(f"  {line}")
    return EXIT_OK


def _read_logo(value: str) -> bytes | None:
    from ..services.organisation.logo import LOGO_MAX_BYTES

    if value.strip().lower() in ("", "none"):
        return None
    path = Path(value).expanduser()
    try:
        size = path.stat().st_size
        if path.is_file() and size > LOGO_MAX_BYTES:  # refused by its size: no need to read it
            raise UserError("logo", f"{path.name} is {size / (1024 * 1024):.1f} MB; choose an image of at most 1 MB "
                                    "(save it smaller, e.g. 600 pixels wide)")
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError("logo", f"{path} was not found; give the path of a PNG or JPEG file") from None
    except IsADirectoryError:
        raise UserError("logo", f"{path} is a folder; give the path of a PNG or JPEG file") from None
