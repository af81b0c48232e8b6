"""``scpdesk meetings`` and ``scpdesk meeting-pack`` as scripts and IT staff use them."""

from __future__ import annotations

import datetime as dt
import json
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from scpdesk.cli import EXIT_OK, EXIT_STORAGE, EXIT_USAGE, main
from scpdesk.models import Agency, AuditEvent
from scpdesk.models.database import open_database
from scpdesk.models.enums import AgencyKind, AuditAction, MeetingKind, Route
from scpdesk.reports.data import MeetingPack
from scpdesk.services import ServiceContext, Services
from scpdesk.services.organisation.directory import PersonInput, add_person
from scpdesk.services.panel.meetings import MeetingInput
from scpdesk.services.referrals.referrals import ChildInput, IdentityInput, ReferralInput

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
REAL_NAME = "Gwenllian Ap Rhys"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def meetings(sqlite_db_url: str) -> dict[str, Any]:
    """A quorate Rapid Review Panel next week with a case and a paper, and a QA&S meeting with no time."""
    db = open_database(sqlite_db_url, user="tester")
    sv = Services(ServiceContext(db, user="tester"))
    today = sv.ctx.today()
    with sv.ctx.unit_of_work() as s:
        agencies = [Agency(name=n, kind=k) for n, k in (("Northshire Council", AgencyKind.LOCAL_AUTHORITY),
                                                        ("Northshire Police", AgencyKind.POLICE),
                                                        ("Northshire ICB", AgencyKind.ICB))]
        s.add_all(agencies)
        s.flush()
        agency_ids = [a.id for a in agencies]
    people = [add_person(sv.ctx, PersonInput(name, "Lead", aid))[0]
              for name, aid in zip(("Sam Lowther", "DI Rahman", "Dr Okafor"), agency_ids, strict=True)]
    chair, _ = add_person(sv.ctx, PersonInput("Dr Eluned Prŵys", "Independent chair"))
    rid, _ = sv.referrals.create(ReferralInput(
        reference="NSCP-CLI-1", received_date=today, child_pseudonym="Child Q", la_aware_date=today,
        summary="Bruising <b>&</b> ŵŷ", children=(ChildInput("Child Q", identity=IdentityInput(REAL_NAME)),)))
    sv.workflow.screen(rid, sv.referrals.get(rid).version, route=Route.RAPID_REVIEW, screened_date=today)
    day = today + dt.timedelta(days=7)
    rrp, _ = sv.meetings.create(MeetingInput(MeetingKind.RAPID_REVIEW_PANEL, day, dt.time(9, 30),
                                             place="Committee Room 2", chair_id=chair, member_ids=tuple(people)))
    sv.meetings.add_standing_items(rrp, sv.meetings.get(rrp).version)
    item_id, _ = sv.meetings.add_case(rrp, sv.meetings.get(rrp).version, rid, confidential=True)
    sv.meetings.attach_paper(item_id, "chronology.pdf", PDF)
    qas, _ = sv.meetings.create(MeetingInput(MeetingKind.QAS, day + dt.timedelta(days=1),
                                             online_link="https://meet.example/qas", member_ids=(people[0],)))
    refs = {"rrp": sv.meetings.get(rrp).reference, "qas": sv.meetings.get(qas).reference, "day": day,
            "rrp_id": rrp, "url": sqlite_db_url}
    db.dispose()
    return refs


def _prints(url: str) -> list[AuditEvent]:
    db = open_database(url)
    try:
        with db.sessions() as s:
            return list(s.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.PRINT)))
    finally:
        db.dispose()


def test_meetings_json_gives_each_meeting_for_scripts(capsys, meetings: dict[str, Any], home: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(home), "--database", meetings["url"], "meetings", "--json")
    assert code == EXIT_OK
    found = json.loads(out)
    assert [m["ref"] for m in found] == [meetings["qas"], meetings["rrp"]]  # newest first
    qas, rrp = found
    day: dt.date = meetings["day"]
    assert rrp == {"ref": meetings["rrp"], "date": day.isoformat(), "type": "rrp", "time": "09:30",
                   "place": "Committee Room 2", "online_link": "", "chair": "Dr Eluned Prŵys", "items": 4,
                   "quorate": True, "status": "planned", "present": 0, "apologies": 0}
    assert (qas["type"], qas["time"], qas["place"], qas["online_link"], qas["chair"], qas["items"],
            qas["quorate"]) == ("qas", None, "", "https://meet.example/qas", "", 0, False)
    assert dt.date.fromisoformat(qas["date"]) == day + dt.timedelta(days=1)


def test_meetings_plain_text_lists_them(capsys, meetings: dict[str, Any], home: Path, sqlite_db_url: str) -> None:
    code, out, _ = run(capsys, "--data-dir", str(home), "--database", meetings["url"], "meetings")
    assert code == EXIT_OK
    header, first, second = out.splitlines()
    assert header.startswith("Date") and "Reference" in header and "Quorate" in header
    assert meetings["qas"] in first and "QA&S group" in first and "no" in first.split()
    assert meetings["rrp"] in second and "09:30" in second and "yes" in second.split() and "Dr Eluned Prŵys" in second


def test_meetings_on_an_empty_database(capsys, sqlite_db_url: str, home: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(home), "--database", sqlite_db_url, "meetings")
    assert (code, out) == (EXIT_OK, "No meetings.\n")
    code, out, _ = run(capsys, "--data-dir", str(home), "--database", sqlite_db_url, "meetings", "--json")
    assert (code, json.loads(out)) == (EXIT_OK, [])


def test_meeting_pack_for_an_unknown_meeting_is_a_usage_error(capsys, meetings: dict[str, Any], home: Path,
                                                              tmp_path: Path) -> None:
    out_file = tmp_path / "out" / "pack.pdf"
    out_file.parent.mkdir()
    code, out, err = run(capsys, "--data-dir", str(home), "--database", meetings["url"], "meeting-pack",
                         "RRP-1999-01-01", "-o", str(out_file))
    assert code == EXIT_USAGE and out == ""
    assert "no meeting RRP-1999-01-01 was found" in err and "scpdesk meetings" in err
    assert not out_file.exists() and _prints(meetings["url"]) == []


def _fake_reports(monkeypatch: pytest.MonkeyPatch, calls: list[dict[str, Any]], *, fail: bool = False) -> None:
    result = types.SimpleNamespace

    def build_meeting_pack(pack: MeetingPack, out: Any, *, exclude_confidential: bool = False, progress: Any = None,
                           cancelled: Any = None) -> Any:
        calls.append({"pack": pack, "exclude_confidential": exclude_confidential})
        out.write(b"%PDF-1.7 fake")
        if fail:
            raise OSError(28, "No space left on device")
        return result(pages=3, items=len(pack.items))

    module = types.ModuleType("scpdesk.reports.meeting_pack")
    module.build_meeting_pack = build_meeting_pack  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "scpdesk.reports.meeting_pack", module)


def test_meeting_pack_builds_from_the_pack_data_and_is_audited(capsys, monkeypatch: pytest.MonkeyPatch,
                                                               meetings: dict[str, Any], home: Path,
                                                               tmp_path: Path) -> None:
    calls: list[dict[str, Any]] = []
    _fake_reports(monkeypatch, calls)
    out_file = tmp_path / "out" / "pack.pdf"
    out_file.parent.mkdir()
    out_file.write_bytes(b"an older pack")
    code, out, _ = run(capsys, "--data-dir", str(home), "--database", meetings["url"], "meeting-pack",
                       meetings["rrp"].lower(), "-o", str(out_file), "--exclude-confidential")
    assert code == EXIT_OK and out == f"Wrote {out_file} (3 pages).\n"
    assert out_file.read_bytes() == b"%PDF-1.7 fake" and list(out_file.parent.iterdir()) == [out_file]
    [call] = calls
    pack: MeetingPack = call["pack"]
    assert call["exclude_confidential"] is True
    assert pack.reference == meetings["rrp"] and pack.quorate and len(pack.items) == 4
    case = next(i for i in pack.items if i.kind == "case")
    assert (case.pseudonym, case.summary, case.confidential) == ("Child Q", "Bruising <b>&</b> ŵŷ", True)
    assert case.papers[0].content == PDF
    assert REAL_NAME not in repr(pack)
    [event] = _prints(meetings["url"])
    assert (event.entity, event.entity_id, event.field) == ("meeting", str(meetings["rrp_id"]), "meeting_pack")
    assert "confidential items left out, 3 pages" in (event.new_value or "")


def test_a_failed_pack_leaves_no_file_and_no_audit(capsys, monkeypatch: pytest.MonkeyPatch,
                                                   meetings: dict[str, Any], home: Path, tmp_path: Path) -> None:
    _fake_reports(monkeypatch, [], fail=True)
    out_file = tmp_path / "out" / "pack.pdf"
    out_file.parent.mkdir()
    code, _, err = run(capsys, "--data-dir", str(home), "--database", meetings["url"], "meeting-pack",
                       meetings["rrp"], "-o", str(out_file))
    assert code == EXIT_STORAGE and "No space left on device" in err
    assert list(out_file.parent.iterdir()) == [] and _prints(meetings["url"]) == []


def test_meeting_pack_writes_a_real_pdf(capsys, meetings: dict[str, Any], home: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "out" / "pack.pdf"
    out_file.parent.mkdir()
    code, out, err = run(capsys, "--data-dir", str(home), "--database", meetings["url"], "meeting-pack",
                         meetings["rrp"], "-o", str(out_file))
    assert code == EXIT_OK, err
    assert out.startswith(f"Wrote {out_file} (") and out.rstrip().endswith("pages).")
    assert out_file.read_bytes().startswith(b"%PDF-")
    [event] = _prints(meetings["url"])
    assert "confidential items included" in (event.new_value or "")
