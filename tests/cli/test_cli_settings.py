"""``scpdesk settings show|set`` as IT staff use it when setting up PCs against a shared database."""

from __future__ import annotations

import datetime as dt
import json
import os
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from scpdesk.cli import EXIT_OK, EXIT_USAGE, main
from scpdesk.models.database import open_database
from scpdesk.services import ServiceContext, Services
from scpdesk.services.referrals.referrals import ReferralInput
from scpdesk.services.settings import SETTING_KEYS, OrganisationSettings, get_settings, logo

Cli = Callable[..., tuple[int, str, str]]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x10\x40\xc0" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 0)) + chunk(b"IEND", b""))


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], sqlite_db_url: str, tmp_path: Path) -> Cli:
    home = tmp_path / "home"

    def call(*args: str) -> tuple[int, str, str]:
        return run(capsys, "--data-dir", str(home), "--database", sqlite_db_url, "settings", *args)

    return call


#: The width of ``settings show``'s key column: the longest setting key (the nations' timeframes are the longest).
WIDTH = max(len(k) for k in SETTING_KEYS)


def saved(url: str) -> tuple[OrganisationSettings, bytes | None]:
    """The settings and logo in the database, read as the application would."""
    db = open_database(url)
    try:
        context = ServiceContext(db, user="tester")
        return get_settings(context), logo(context)
    finally:
        db.dispose()


def test_show_json_lists_every_setting_with_its_default(cli: Cli) -> None:
    code, out, _ = cli("show", "--json")
    assert code == EXIT_OK
    shown = json.loads(out)
    assert list(shown) == [*SETTING_KEYS, "is_configured"]
    assert shown["partnership_name"] == "Safeguarding Children Partnership" and shown["is_configured"] is False
    assert (shown["published_window_months"], shown["lcspr_target_months"], shown["pre_publication_working_days"],
            shown["panel_response_working_days"], shown["retention_review_years"]) == (12, 6, 7, 10, 100)
    assert (shown["marking_pack"], shown["marking_publication"], shown["legal_hold"], shown["logo"]) == (
        "OFFICIAL-SENSITIVE", "OFFICIAL", False, "not set")
    code, out, _ = cli("show")
    assert code == EXIT_OK and f"{'published_window_months':<{WIDTH}}  12" in out and "not set up yet" in out


def test_set_saves_checked_values_that_show_reads_back(cli: Cli, sqlite_db_url: str) -> None:
    for key, value, shown in (("partnership_name", "Northshire Safeguarding Children Partnership ŵŷ",
                               "Northshire Safeguarding Children Partnership ŵŷ"),
                              ("published-window-months", "24", "24"), ("marking_publication", "none", "none"),
                              ("marking_pack", "official", "OFFICIAL"), ("legal_hold", "yes", "yes"),
                              ("contact_email", "scp@northshire.gov.uk", "scp@northshire.gov.uk"),
                              ("contact_address", "Civic Centre\\nNorthtown", "Civic Centre, Northtown")):
        code, out, err = cli("set", key, value)
        assert (code, err) == (EXIT_OK, "") and out == f"Saved {key.replace('-', '_')}: {shown}\n"
    code, out, _ = cli("show", "--json")
    shown_json = json.loads(out)
    assert shown_json["is_configured"] is True and shown_json["published_window_months"] == 24
    assert (shown_json["marking_publication"], shown_json["legal_hold"]) == ("none", True)
    assert shown_json["contact_address"] == "Civic Centre\nNorthtown"
    code, out, _ = cli("show")
    assert f"{'contact_address':<{WIDTH}}  Civic Centre\n{'':<{WIDTH}}  Northtown\n" in out
    assert "not set up yet" not in out
    found = saved(sqlite_db_url)[0]
    assert (found.published_window_months, found.marking_publication, found.legal_hold) == (24, "", True)


@pytest.mark.parametrize(("key", "value", "message"), [
    ("published_window_months", "99", "published_window_months: give a whole number of months from 1 to 60, not 99"),
    ("lcspr_target_months", "six", "lcspr_target_months: give a whole number of months from 1 to 24"),
    ("rule_set", "atlantis", "rule_set: choose england, wales, scotland, northern_ireland"),
    ("marking_pack", "TOP SECRET", "marking_pack: choose OFFICIAL-SENSITIVE, OFFICIAL or none"),
    ("legal_hold", "maybe", "legal_hold: answer yes or no"),
    ("contact_email", "scp-at-northshire", "contact_email: enter an email address"),
    ("partnership_name", " ", "partnership_name: enter the partnership name"),
    ("colour", "blue", "colour: unknown setting; choose one of partnership_name"),
])
def test_set_refuses_a_bad_value_with_exit_64_naming_the_key(cli: Cli, sqlite_db_url: str, key: str, value: str,
                                                             message: str) -> None:
    code, out, err = cli("set", key, value)
    assert code == EXIT_USAGE and out == "" and err.startswith(f"scpdesk: {message}")
    assert not saved(sqlite_db_url)[0].is_configured


def test_set_logo_reads_a_file_and_none_removes_it(cli: Cli, sqlite_db_url: str, tmp_path: Path) -> None:
    image = png(200, 60)
    path = tmp_path / "logo.png"
    path.write_bytes(image)
    code, out, _ = cli("set", "logo", str(path))
    kb = max(1, round(len(image) / 1024))
    assert code == EXIT_OK and out == f"Saved logo: set ({kb} kB PNG)\n"
    assert saved(sqlite_db_url)[1] == image
    assert json.loads(cli("show", "--json")[1])["logo"] == f"set ({kb} kB PNG)"

    (tmp_path / "logo.gif").write_bytes(b"GIF89a" + b"\x00" * 20)
    (tmp_path / "huge.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * (2 * 1024 * 1024))
    for name, words in (("missing.png", "was not found"), ("logo.gif", "not a PNG or JPEG"),
                        ("huge.png", "at most 1 MB")):
        code, _, err = cli("set", "logo", str(tmp_path / name))
        assert code == EXIT_USAGE and err.startswith("scpdesk: logo: ") and words in err
    assert saved(sqlite_db_url)[1] == image  # a refused file leaves the saved logo alone

    code, out, _ = cli("set", "logo", "none")
    assert code == EXIT_OK and out == "Saved logo: not set\n" and saved(sqlite_db_url)[1] is None


def test_an_argument_that_is_not_utf8_is_refused_with_a_message(cli: Cli, sqlite_db_url: str) -> None:
    """Tester finding 9: on Linux an argv byte that is not UTF-8 arrives as a surrogate escape ('\\udcff'):
    `settings set` died with a UnicodeEncodeError traceback. Now exit 64 naming the argument, nothing saved."""
    before = saved(sqlite_db_url)
    code, _, err = cli("set", "partnership_short_name", os.fsdecode(b"N\xffS"))
    assert code == EXIT_USAGE
    assert "N\\udcffS (after partnership_short_name) is not valid text" in err
    assert saved(sqlite_db_url) == before


def test_set_rule_set_takes_a_nation_as_typed_and_says_which_clocks_changed(cli: Cli, sqlite_db_url: str) -> None:
    code, out, _ = cli("set", "rule_set", "Northern-Ireland")
    assert code == EXIT_OK and out == "Saved rule_set: northern_ireland\n"  # nothing open to move yet
    assert saved(sqlite_db_url)[0].rule_set == "northern_ireland"
    db = open_database(sqlite_db_url)
    try:
        sv = Services(ServiceContext(db, user="tester"))
        sv.referrals.create(ReferralInput(reference="SBNI-2026-1", received_date=dt.date(2026, 3, 13),
                                          child_pseudonym="Child P"))
    finally:
        db.dispose()
    code, out, _ = cli("set", "northern-ireland-chair-decision-working-days", "5")
    assert code == EXIT_OK
    assert out == ("Saved northern_ireland_chair_decision_working_days: 5\n1 open clock changed:\n"
                   "  SBNI-2026-1: SBNI chair decides moved from Wed 15 Apr 2026 to Mon 23 Mar 2026 (overdue)\n")
