"""Organisation settings, the logo, closure days and the directory, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import io
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from scpdesk.errors import ConflictError, NotFoundError, UserError, ValidationErrors
from scpdesk.models import AuditEvent, ClosureDay, OrganisationSetting
from scpdesk.models.database import Database
from scpdesk.models.enums import AgencyKind, AuditAction, MeetingKind, ReviewType
from scpdesk.services import ServiceContext, Services
from scpdesk.services.dto import Changes
from scpdesk.services.library.learning_summary import summary_data
from scpdesk.services.library.reviews import ReviewInput
from scpdesk.services.organisation.closures import add_closure, import_closures, list_closures, remove_closure
from scpdesk.services.organisation.directory import (
    PersonInput,
    add_agency,
    add_person,
    get_agency,
    get_person,
    list_agencies,
    people,
    restore_agency,
    restore_person,
    retire_agency,
    retire_person,
    update_agency,
    update_person,
)
from scpdesk.services.organisation.logo import inspect_image, set_logo
from scpdesk.services.panel.meeting_pack import pack_data
from scpdesk.services.panel.meetings import MeetingInput
from scpdesk.services.referrals.referrals import ReferralInput
from scpdesk.services.settings import (
    SETTING_KEYS,
    OrganisationSettings,
    get_settings,
    logo,
    logo_info,
    parse_setting_value,
    save_settings,
    settings_snapshot,
    settings_versions,
)

TODAY = dt.date(2025, 12, 22)  # Monday
AWARE = dt.date(2025, 12, 19)  # domain.md: LA aware Fri 19 Dec 2025 -> SIN due Tue 30 Dec 2025
CLOSURE = dt.date(2025, 12, 29)


def services(db: Database, user: str = "coordinator.a", today: dt.date = TODAY) -> Services:
    return Services(ServiceContext(db, user=user, today=lambda: today))


def save_now(ctx: ServiceContext, changes: dict[str, Any]) -> Changes:
    """Save as a screen that has just read the settings would: with the versions as they are now."""
    versions = settings_versions(ctx)
    return save_settings(ctx, changes, expected={
        k: versions.get(k.strip().lower().replace("-", "_"), 0) for k in changes})


def shown_closures(sv: Services) -> int:
    """The version of the list of closure days as a screen listing them now would show it."""
    return next((c.version for c in list_closures(sv.ctx)), 0)


def logo_now(ctx: ServiceContext, data: bytes | None) -> Changes:
    return set_logo(ctx, data, expected_version=settings_versions(ctx)["logo"])


def png(width: int, height: int) -> bytes:
    """A real (tiny, red) PNG built by hand."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xc0\x10\x10" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def jpeg(width: int, height: int, **options: Any) -> bytes:
    from PIL import Image  # ReportLab's own dependency: a real encoder for the header reader to face

    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 20, 20)).save(out, "JPEG", **options)
    return out.getvalue()


def audit_rows(sv: Services, key: str) -> list[tuple[AuditAction, str | None, str | None, str]]:
    """(action, old value, new value, user) of a setting's audit events, oldest first."""
    with sv.ctx.read() as s:
        return [tuple(r) for r in s.execute(  # type: ignore[misc]
            select(AuditEvent.action, AuditEvent.old_value, AuditEvent.new_value, AuditEvent.user)
            .where(AuditEvent.entity == "organisation_setting", AuditEvent.entity_id == key,
                   AuditEvent.field == "value_json").order_by(AuditEvent.id))]


# -- Settings ----------------------------------------------------------------------------------------------------

def test_defaults_before_anything_is_saved(db: Database) -> None:
    sv = services(db)
    found = get_settings(sv.ctx)
    assert found == OrganisationSettings()
    assert not found.is_configured
    assert (found.rule_set, found.marking_pack, found.marking_publication) == ("england", "OFFICIAL-SENSITIVE",
                                                                               "OFFICIAL")
    assert (found.published_window_months, found.lcspr_target_months, found.pre_publication_working_days,
            found.panel_response_working_days) == (12, 6, 7, 10)
    assert [found.retention_years(t) for t in ("referral", "rapid_review", "meeting", "review", "audit")] == [
        25, 25, 25, 100, 25]
    assert found.legal_hold is False and found.contact_email == "" and found.contact_address == ""
    assert set(settings_versions(sv.ctx).values()) == {0}
    assert logo(sv.ctx) is None and logo_info(sv.ctx) is None
    # Every setting has a label and help for the screen and the command line.
    assert all(info.label and info.help for info in SETTING_KEYS.values())


def test_save_and_read_back_takes_effect_at_once_and_is_audited(db: Database) -> None:
    sv = services(db)
    changes = save_now(sv.ctx, {
        "partnership_name": "  Northshire   Safeguarding Children Partnership ",
        "partnership_short_name": "NSCP", "contact_email": "scp@northshire.gov.uk",
        "contact_address": "Civic Centre  \r\nHigh Street\n\n\n\nNorthtown NT1 1AA", "rule_set": "England",
        "marking_pack": "official", "marking_publication": "none", "published_window_months": 24,
        "lcspr_target_months": 9, "pre_publication_working_days": 0, "panel_response_working_days": 15,
        "retention_review_years": 75, "legal-hold": True})
    assert changes.touches("settings")
    found = get_settings(sv.ctx)
    assert found.is_configured
    assert (found.partnership_name, found.partnership_short_name) == ("Northshire Safeguarding Children Partnership",
                                                                      "NSCP")
    assert found.contact_address == "Civic Centre\nHigh Street\n\nNorthtown NT1 1AA"
    assert (found.marking_pack, found.marking_publication) == ("OFFICIAL", "")  # "none" prints nothing
    assert (found.published_window_months, found.lcspr_target_months, found.pre_publication_working_days,
            found.panel_response_working_days, found.retention_review_years, found.legal_hold) == (
        24, 9, 0, 15, 75, True)
    assert found.clock_settings()["lcspr_target_months"] == 9
    # Clocks read the settings per call: an LCSPR decided today is now due in 9 months, not 6.
    rid, _ = sv.reviews.create(ReviewInput(reference="NSCP-LCSPR-1", title="Child P", review_type=ReviewType.LCSPR,
                                           pseudonym="Child P", decision_date=TODAY))
    lcspr = next(c for c in sv.reviews.get(rid).clocks if c.key == "lcspr_publication")
    assert lcspr.due_date == dt.date(2026, 9, 22)
    versions = settings_versions(sv.ctx)
    assert versions["partnership_name"] == 1 and versions["logo"] == 0 and versions["retention_meeting_years"] == 0

    assert audit_rows(sv, "partnership_name") == [
        (AuditAction.INSERT, None, '"Northshire Safeguarding Children Partnership"', "coordinator.a")]
    save_now(sv.ctx, {"marking_publication": "OFFICIAL", "partnership_name": found.partnership_name})
    assert [e[:3] for e in audit_rows(sv, "marking_publication")] == [
        (AuditAction.INSERT, None, '"none"'), (AuditAction.UPDATE, '"none"', '"OFFICIAL"')]
    assert len(audit_rows(sv, "partnership_name")) == 1  # unchanged values are not rewritten
    assert settings_versions(sv.ctx)["partnership_name"] == 1


@pytest.mark.parametrize(("key", "value", "words"), [
    ("partnership_name", "   ", "cannot be left empty"),
    ("partnership_name", "x" * 201, "200 characters"),
    ("partnership_short_name", "", "cannot be left empty"),
    ("contact_email", "scp at northshire", "email address"),
    ("contact_email", "scp@northshire", "email address"),
    ("contact_address", "a" * 501, "500 characters"),
    ("rule_set", "france", "choose england, wales, scotland, northern_ireland"),
    ("marking_pack", "SECRET", "OFFICIAL-SENSITIVE, OFFICIAL or none"),
    ("marking_publication", 3, "as text"),
    ("published_window_months", 0, "from 1 to 60"),
    ("published_window_months", 61, "from 1 to 60"),
    ("published_window_months", "12", "from 1 to 60"),
    ("lcspr_target_months", 25, "from 1 to 24"),
    ("pre_publication_working_days", -1, "from 0 to 30"),
    ("pre_publication_working_days", 31, "from 0 to 30"),
    ("panel_response_working_days", 0, "from 1 to 60"),
    ("retention_referral_years", 0, "from 1 to 100"),
    ("retention_audit_years", 101, "from 1 to 100"),
    ("retention_meeting_years", True, "from 1 to 100"),
    ("legal_hold", "yes", "yes or no"),
    ("logo", b"", "set_logo"),
    ("colour_scheme", "blue", "unknown setting"),
])
def test_each_invalid_value_names_the_setting_and_saves_nothing(db: Database, key: str, value: Any,
                                                                words: str) -> None:
    sv = services(db)
    with pytest.raises(UserError) as raised:
        save_now(sv.ctx, {key: value})
    assert raised.value.field == key and words in raised.value.message
    assert get_settings(sv.ctx) == OrganisationSettings()


def test_several_invalid_values_are_all_reported(db: Database) -> None:
    sv = services(db)
    with pytest.raises(ValidationErrors) as raised:
        save_now(sv.ctx, {"partnership_name": "Northshire SCP", "lcspr_target_months": 0,
                               "contact_email": "nope"})
    assert {e.field for e in raised.value.errors} == {"lcspr_target_months", "contact_email"}
    assert not get_settings(sv.ctx).is_configured


def test_a_stale_edit_is_refused_and_the_newer_value_kept(db: Database) -> None:
    mine, theirs = services(db, "coordinator.a"), services(db, "coordinator.b")
    save_now(mine.ctx, {"partnership_name": "Northshire SCP"})
    opened = settings_snapshot(mine.ctx)
    assert opened.versions["partnership_name"] == 1 and opened.settings.partnership_name == "Northshire SCP"
    save_now(theirs.ctx, {"published_window_months": 24})  # a key I had not saved yet (version 0)
    with pytest.raises(ConflictError) as raised:
        save_settings(mine.ctx, {"published_window_months": 18, "partnership_name": "Mine"},
                      expected=opened.versions)
    assert "coordinator.b" in str(raised.value)
    found = get_settings(mine.ctx)
    assert (found.published_window_months, found.partnership_name) == (24, "Northshire SCP")
    # Reloaded, the same change saves; only the versions given are checked.
    save_settings(mine.ctx, {"published_window_months": 18}, expected=settings_versions(mine.ctx))
    save_now(theirs.ctx, {"partnership_name": "Theirs"})
    save_settings(mine.ctx, {"published_window_months": 20}, expected={"published_window_months": 2})
    assert get_settings(mine.ctx).published_window_months == 20
    with pytest.raises(ConflictError):
        set_logo(mine.ctx, png(4, 4), expected_version=1)
    assert logo(mine.ctx) is None


def test_hand_edited_values_that_cannot_be_used_fall_back_to_the_defaults(db: Database) -> None:
    sv = services(db)
    with sv.ctx.unit_of_work() as s:
        s.add_all([OrganisationSetting(key="lcspr_target_months", value_json="-3"),
                   OrganisationSetting(key="legal_hold", value_json='"maybe"'),
                   OrganisationSetting(key="published_window_months", value_json="not json"),
                   OrganisationSetting(key="marking_pack", value_json='"None"')])
    found = get_settings(sv.ctx)
    assert (found.lcspr_target_months, found.legal_hold, found.published_window_months, found.marking_pack) == (
        6, False, 12, "")
    sv.referrals.list_rows()  # the clocks still work


def test_parse_setting_value_reads_what_the_command_line_types() -> None:
    assert parse_setting_value("published-window-months", " 24 ") == 24
    assert parse_setting_value("legal_hold", "Yes") is True and parse_setting_value("legal_hold", "false") is False
    assert parse_setting_value("marking_pack", "none") == "" and parse_setting_value("marking_pack",
                                                                                      "official") == "OFFICIAL"
    assert parse_setting_value("contact_address", "Civic Centre\\nNorthtown") == "Civic Centre\nNorthtown"
    for key, text, words in (("lcspr_target_months", "six", "whole number of months from 1 to 24"),
                             ("legal_hold", "perhaps", "yes or no"), ("rule_set", "france", "choose england"),
                             ("nation", "england", "unknown setting")):
        with pytest.raises(UserError) as raised:
            parse_setting_value(key, text)
        assert raised.value.field == key and words in raised.value.message


# -- The logo --------------------------------------------------------------------------------------------------

def test_the_logo_is_checked_stored_as_given_and_audited_by_description(db: Database) -> None:
    sv = services(db)
    image = png(320, 120)
    assert (inspect_image(image).image_type, inspect_image(image).width, inspect_image(image).height) == (
        "PNG", 320, 120)
    assert logo_now(sv.ctx, image).touches("settings")
    assert logo(sv.ctx) == image
    info = logo_info(sv.ctx)
    assert info is not None and (info.image_type, info.width, info.height, info.size) == ("PNG", 320, 120,
                                                                                            len(image))
    assert info.describe() == f"{info.kilobytes} kB PNG"
    assert get_settings(sv.ctx) == OrganisationSettings()  # the logo alone does not configure the profile
    photo = jpeg(640, 200, progressive=True)
    set_logo(sv.ctx, photo, expected_version=settings_versions(sv.ctx)["logo"])
    assert logo(sv.ctx) == photo and settings_snapshot(sv.ctx).logo.image_type == "JPEG"  # type: ignore[union-attr]
    logo_now(sv.ctx, None)
    assert logo(sv.ctx) is None
    events = audit_rows(sv, "logo_png")
    photo_text = events[1][2] or ""
    assert [e[:3] for e in events] == [
        (AuditAction.INSERT, None, f"PNG 320 × 120 px, {info.kilobytes} kB"),
        (AuditAction.UPDATE, f"PNG 320 × 120 px, {info.kilobytes} kB", photo_text),
        (AuditAction.DELETE, photo_text, None)]
    assert photo_text.startswith("JPEG 640 × 200 px") and {e[3] for e in events} == {"coordinator.a"}


@pytest.mark.parametrize(("data", "words"), [
    (b"", "empty"),
    (b"GIF89a" + b"\x00" * 40, "not a PNG or JPEG"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not a PNG or JPEG"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 8, "damaged"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 7 + b"\xff\xd9", "damaged"),
    (png(2001, 1), "2001 × 1 pixels"),
    (png(1, 2001), "1 × 2001 pixels"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * (1024 * 1024), "at most 1 MB"),
], ids=["empty", "gif", "svg", "png-no-header", "jpeg-no-frame", "too-wide", "too-tall", "too-big"])
def test_a_logo_that_is_not_a_small_png_or_jpeg_is_refused(db: Database, data: bytes, words: str) -> None:
    sv = services(db)
    with pytest.raises(UserError) as raised:
        logo_now(sv.ctx, data)
    assert raised.value.field == "logo" and words in raised.value.message
    assert logo(sv.ctx) is None


def test_the_largest_logo_allowed_is_accepted() -> None:
    assert (inspect_image(png(2000, 2000)).width, inspect_image(jpeg(2000, 30)).width) == (2000, 2000)
    assert inspect_image(jpeg(33, 2000, quality=50)).height == 2000


# -- The documents ------------------------------------------------------------------------------------------------

def test_the_pack_and_the_learning_summary_carry_the_name_logo_and_marking(db: Database) -> None:
    sv = services(db)
    mid, _ = sv.meetings.create(MeetingInput(kind=MeetingKind.RAPID_REVIEW_PANEL, meeting_date=TODAY))
    rid, _ = sv.reviews.create(ReviewInput(reference="NSCP-LS-1", title="Child L: learning summary",
                                           review_type=ReviewType.LEARNING_SUMMARY, pseudonym="Child L"))
    pack, summary = pack_data(sv.ctx, mid), summary_data(sv.ctx, rid)
    assert (pack.partnership, pack.marking, pack.logo_png) == ("Safeguarding Children Partnership",
                                                               "OFFICIAL-SENSITIVE", None)
    assert (summary.marking, summary.logo_png) == ("OFFICIAL", None)

    image = png(60, 30)
    save_now(sv.ctx, {"partnership_name": "Northshire SCP", "marking_pack": "none",
                           "marking_publication": "none"})
    logo_now(sv.ctx, image)
    pack, summary = pack_data(sv.ctx, mid), summary_data(sv.ctx, rid)
    assert (pack.partnership, pack.marking, pack.logo_png) == ("Northshire SCP", "", image)
    assert (summary.partnership, summary.marking, summary.logo_png) == ("Northshire SCP", "", image)

    photo = jpeg(80, 40)
    save_now(sv.ctx, {"marking_pack": "OFFICIAL", "marking_publication": "OFFICIAL-SENSITIVE"})
    logo_now(sv.ctx, photo)
    pack, summary = pack_data(sv.ctx, mid), summary_data(sv.ctx, rid)
    assert (pack.marking, pack.logo_png, summary.marking, summary.logo_png) == (
        "OFFICIAL", photo, "OFFICIAL-SENSITIVE", photo)


# -- Closure days -------------------------------------------------------------------------------------------------

def referral_with_clocks(sv: Services, reference: str = "NSCP-2025-101") -> int:
    rid, _ = sv.referrals.create(ReferralInput(reference=reference, received_date=dt.date(2025, 12, 22),
                                               child_pseudonym="Child N", la_aware_date=AWARE,
                                               incident_date=dt.date(2025, 12, 18)))
    return rid


def due(sv: Services, rid: int, key: str) -> dt.date | None:
    return next(c.due_date for c in sv.referrals.get(rid).clocks if c.key == key)


def test_adding_a_closure_day_moves_open_clocks_and_says_which(db: Database) -> None:
    sv = services(db)
    rid = referral_with_clocks(sv)
    review_id, _ = sv.reviews.create(ReviewInput(
        reference="NSCP-LCSPR-7", title="Child M", pseudonym="Child M", review_type=ReviewType.LCSPR,
        decision_date=dt.date(2025, 12, 1), planned_publication_date=dt.date(2026, 3, 3)))
    assert due(sv, rid, "sin") == dt.date(2025, 12, 30)

    result = add_closure(sv.ctx, CLOSURE, "  Council   Christmas closure ")
    assert result.days == (CLOSURE,)
    assert due(sv, rid, "sin") == dt.date(2025, 12, 31)  # domain.md: SIN due Wed 31 Dec 2025
    assert "local closure day" in next(c for c in sv.referrals.get(rid).clocks
                                       if c.key == "sin").explanation.text()
    moved = {(m.record, m.record_id, m.clock_key): (m.old_due, m.new_due) for m in result.moved}
    assert moved == {
        ("referral", rid, "sin"): (dt.date(2025, 12, 30), dt.date(2025, 12, 31)),
        ("referral", rid, "notify_partners"): (dt.date(2025, 12, 30), dt.date(2025, 12, 31)),
        ("referral", rid, "rapid_review"): (dt.date(2026, 1, 14), dt.date(2026, 1, 15)),
    }
    sin = next(m for m in result.moved if m.clock_key == "sin")
    assert (sin.reference, sin.clock) == ("NSCP-2025-101", "Serious incident notification")
    assert "Tue 30 Dec 2025" in sin.describe() and "Wed 31 Dec 2025" in sin.describe()
    assert result.changes.touches("closure_day") and ("referral", rid) in result.changes.ids
    assert [(c.day, c.reason, c.updated_by) for c in list_closures(sv.ctx)] == [
        (CLOSURE, "Council Christmas closure", "coordinator.a")]
    with pytest.raises(UserError) as raised:
        add_closure(sv.ctx, CLOSURE, "again")
    assert raised.value.field == "day" and "already a closure day" in raised.value.message

    # A review's "at least 7 working days before" clock moves too (publication Tue 3 Mar 2026 -> Fri 20 Feb).
    pre = next(c for c in sv.reviews.get(review_id).clocks if c.key == "pre_publication_copy")
    assert pre.due_date == dt.date(2026, 2, 20)
    result = add_closure(sv.ctx, dt.date(2026, 2, 20), "Training day")
    assert [(m.record, m.record_id, m.clock_key, m.old_due, m.new_due) for m in result.moved] == [
        ("review", review_id, "pre_publication_copy", dt.date(2026, 2, 20), dt.date(2026, 2, 19))]
    assert ("review", review_id) in result.changes.ids

    back = remove_closure(sv.ctx, CLOSURE, shown_closures(sv))
    assert due(sv, rid, "sin") == dt.date(2025, 12, 30)
    assert {(m.clock_key, m.old_due, m.new_due) for m in back.moved} >= {
        ("sin", dt.date(2025, 12, 31), dt.date(2025, 12, 30))}
    assert [c.day for c in list_closures(sv.ctx)] == [dt.date(2026, 2, 20)]
    with pytest.raises(NotFoundError):
        remove_closure(sv.ctx, CLOSURE, shown_closures(sv))
    with sv.ctx.read() as s:
        actions = list(s.scalars(select(AuditEvent.action).where(AuditEvent.entity == "closure_day")))
    assert AuditAction.INSERT in actions and AuditAction.DELETE in actions


def test_a_closure_day_nothing_depends_on_moves_nothing(db: Database) -> None:
    sv = services(db)
    referral_with_clocks(sv)
    result = add_closure(sv.ctx, dt.date(2026, 6, 1), "")
    assert result.moved == () and not result.changes.touches("referral")


@pytest.mark.parametrize(("day", "reason", "field"), [
    ("2025-12-29", "", "day"),
    (dt.date(1999, 12, 29), "", "day"),
    (CLOSURE, "x" * 201, "reason"),
])
def test_a_bad_closure_day_names_the_field(db: Database, day: Any, reason: str, field: str) -> None:
    sv = services(db)
    with pytest.raises(UserError) as raised:
        add_closure(sv.ctx, day, reason)
    assert raised.value.field == field
    assert list_closures(sv.ctx) == []


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows(rows)
    return path


def test_importing_closure_days_adds_them_all_and_reports_moved_clocks(db: Database, tmp_path: Path) -> None:
    sv = services(db)
    rid = referral_with_clocks(sv)
    add_closure(sv.ctx, dt.date(2025, 12, 31), "already saved")
    path = write_csv(tmp_path / "closures.csv", [["Date", "Reason"], ["29/12/2025", "Council Christmas closure"],
                                                 ["", ""], ["2025-12-30", "Council Christmas closure"],
                                                 ["31/12/2025", "Council Christmas closure"]])
    result = import_closures(sv.ctx, path)
    assert result.days == (dt.date(2025, 12, 29), dt.date(2025, 12, 30)) and result.count == 2
    assert result.already_saved == (dt.date(2025, 12, 31),)
    assert due(sv, rid, "sin") == dt.date(2026, 1, 5)
    assert {(m.clock_key, m.old_due, m.new_due) for m in result.moved} >= {
        ("sin", dt.date(2025, 12, 30), dt.date(2026, 1, 5))}
    with sv.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.entity == "closure_day", AuditEvent.action == AuditAction.IMPORT)) == 1
    again = import_closures(sv.ctx, path)  # importing the same file twice changes nothing
    assert again.days == () and again.moved == () and len(again.already_saved) == 3


def test_importing_closure_days_from_xlsx(db: Database, tmp_path: Path) -> None:
    from openpyxl import Workbook

    sv = services(db)
    book = Workbook()
    sheet = book.active
    sheet.append(["date", "reason"])
    sheet.append([dt.datetime(2026, 12, 29), "Council Christmas closure"])
    sheet.append(["30/12/2026", None])
    book.save(tmp_path / "closures.xlsx")
    result = import_closures(sv.ctx, tmp_path / "closures.xlsx")
    assert [(c.day, c.reason) for c in list_closures(sv.ctx)] == [
        (dt.date(2026, 12, 29), "Council Christmas closure"), (dt.date(2026, 12, 30), "")]
    assert result.count == 2


def test_a_closure_file_with_any_bad_row_imports_nothing(db: Database, tmp_path: Path) -> None:
    sv = services(db)
    path = write_csv(tmp_path / "closures.csv", [
        ["date", "reason"], ["29/12/2025", "ok"], ["12/29/2025", "US date"], ["2025-12-29", "twice"],
        ["", "no date"], ["tomorrow", "words"], ["30/12/2025", "y" * 201]])
    with pytest.raises(ValidationErrors) as raised:
        import_closures(sv.ctx, path)
    messages = [str(e) for e in raised.value.errors]
    assert [e.field for e in raised.value.errors] == ["row 3", "row 4", "row 5", "row 6", "row 7"]
    assert "US date" in messages[0] and "also in row 2" in messages[1] and "enter the closure date" in messages[2]
    assert "not a date" in messages[3] and "200 characters" in messages[4]
    with sv.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(ClosureDay)) == 0
    with pytest.raises(UserError) as missing:
        import_closures(sv.ctx, write_csv(tmp_path / "wrong.csv", [["day", "why"], ["29/12/2025", "x"]]))
    assert missing.value.field == "columns"
    with pytest.raises(UserError) as empty:
        import_closures(sv.ctx, write_csv(tmp_path / "empty.csv", [["date", "reason"]]))
    assert empty.value.field == "file"


# -- Agencies and people ------------------------------------------------------------------------------------------

def test_agencies_add_rename_retire_and_keep_their_history(db: Database) -> None:
    sv = services(db)
    police_id, changes = add_agency(sv.ctx, "  Northshire   Police ", AgencyKind.POLICE)
    assert changes.touches("agency")
    school_id, _ = add_agency(sv.ctx, "Millbrook Academy", "education")
    for name, words in (("NORTHSHIRE POLICE", "already in the directory"), ("", "enter the agency's name"),
                        ("x" * 201, "200 characters")):
        with pytest.raises(UserError) as raised:
            add_agency(sv.ctx, name, AgencyKind.POLICE)
        assert raised.value.field == "name" and words in raised.value.message
    with pytest.raises(UserError) as bad_kind:
        add_agency(sv.ctx, "Somewhere", "council")
    assert bad_kind.value.field == "kind"

    rid, _ = sv.referrals.create(ReferralInput(reference="NSCP-2025-9", received_date=TODAY,
                                               child_pseudonym="Child N", la_aware_date=AWARE,
                                               agency_ids=(police_id, school_id)))
    school = get_agency(sv.ctx, school_id)
    update_agency(sv.ctx, school_id, school.version, name="Millbrook Learning Trust", kind=AgencyKind.VOLUNTARY)
    with pytest.raises(ConflictError):  # someone else's stale screen
        update_agency(sv.ctx, school_id, school.version, name="Millbrook Primary")
    renamed = get_agency(sv.ctx, school_id)
    assert (renamed.name, renamed.kind, renamed.kind_label) == ("Millbrook Learning Trust", AgencyKind.VOLUNTARY,
                                                                "Voluntary sector")
    with pytest.raises(UserError) as taken:
        update_agency(sv.ctx, school_id, renamed.version, name="northshire police")
    assert taken.value.field == "name"

    with pytest.raises(UserError) as future:
        retire_agency(sv.ctx, police_id, TODAY + dt.timedelta(days=1), expected_version=1)
    assert future.value.field == "retired_on"
    retire_agency(sv.ctx, police_id, TODAY, expected_version=get_agency(sv.ctx, police_id).version)
    assert [a.name for a in list_agencies(sv.ctx)] == ["Millbrook Learning Trust"]
    assert [(a.name, a.retired_on) for a in list_agencies(sv.ctx, include_retired=True)] == [
        ("Millbrook Learning Trust", None), ("Northshire Police", TODAY)]
    assert [a.name for a in sv.agencies()] == ["Millbrook Learning Trust"]  # pick lists
    # History: the referral still names the retired agency (and the renamed one by its new name).
    assert sv.referrals.get(rid).agencies == ("Millbrook Learning Trust", "Northshire Police")
    with pytest.raises(UserError) as retired_name:
        add_agency(sv.ctx, "Northshire police", AgencyKind.POLICE)
    assert "retired agency" in retired_name.value.message
    restore_agency(sv.ctx, police_id, expected_version=get_agency(sv.ctx, police_id).version)
    assert {a.name for a in list_agencies(sv.ctx)} == {"Millbrook Learning Trust", "Northshire Police"}
    with sv.ctx.read() as s:
        fields = set(s.scalars(select(AuditEvent.field).where(AuditEvent.entity == "agency",
                                                              AuditEvent.action == AuditAction.UPDATE)))
    assert {"name", "kind", "retired_on"} <= fields


def test_people_update_retire_restore_and_refuse_stale_edits(db: Database) -> None:
    sv = services(db)
    la, _ = add_agency(sv.ctx, "Northshire Council", AgencyKind.LOCAL_AUTHORITY)
    old, _ = add_agency(sv.ctx, "Old Trust", AgencyKind.HEALTH)
    pid, _ = add_person(sv.ctx, PersonInput("Sam Lowther", "Head of Safeguarding", old, "sam@northshire.gov.uk",
                                            panel_member=True))
    retire_agency(sv.ctx, old, TODAY, expected_version=get_agency(sv.ctx, old).version)
    person = get_person(sv.ctx, pid)
    assert (person.agency, person.email, person.panel_member) == ("Old Trust", "sam@northshire.gov.uk", True)
    # Someone already in a retired agency keeps it; nobody new can be put in it.
    update_person(sv.ctx, pid, person.version, PersonInput("Sam Lowther", "Head of Safeguarding", old,
                                                           "sam@northshire.gov.uk", panel_member=True, qas_member=True))
    with pytest.raises(UserError) as raised:
        add_person(sv.ctx, PersonInput("New Starter", agency_id=old))
    assert raised.value.field == "agency" and "retired" in raised.value.message
    for email in ("sam@northshire", "sam@@northshire.gov.uk", "sam@northshire..gov.uk", "sam lowther@x.org"):
        with pytest.raises(UserError) as bad:
            add_person(sv.ctx, PersonInput("Sam", email=email))
        assert bad.value.field == "email"
    with pytest.raises(ConflictError):
        update_person(sv.ctx, pid, person.version, PersonInput("Sam L", agency_id=la))
    current = get_person(sv.ctx, pid)
    with pytest.raises(ConflictError):
        retire_person(sv.ctx, pid, TODAY, expected_version=person.version)
    retire_person(sv.ctx, pid, TODAY, expected_version=current.version)
    assert pid not in {p.id for p in people(sv.ctx)}
    assert get_person(sv.ctx, pid).retired_on == TODAY
    restore_person(sv.ctx, pid, expected_version=get_person(sv.ctx, pid).version)
    assert pid in {p.id for p in people(sv.ctx)} and get_person(sv.ctx, pid).retired_on is None
    with pytest.raises(NotFoundError):
        get_person(sv.ctx, 99_999)
