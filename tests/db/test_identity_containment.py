"""Nothing of a real identity leaves ``child_identity`` (issue 10): identities are seeded through the intake
(on top of the demo set, whose children have invented identities too), a whole workflow runs, every export,
report and command writes its output, and then every other table, the log folder and every output are
searched for every identity value — names, date of birth in its usual written forms, NHS number with and
without spaces, address lines, postcode with and without its space."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import inspect, select, text

from scpdesk.cli import main
from scpdesk.errors import UserError
from scpdesk.models import ChildIdentity
from scpdesk.models.database import Database
from scpdesk.models.enums import MeetingKind, ReviewType, Route
from scpdesk.services import ServiceContext, Services
from scpdesk.services.demo import fill_demo_data
from scpdesk.services.library.actions import export_actions, export_plan_pdf, export_plan_xlsx
from scpdesk.services.library.learning_summary import export_learning_summary, save_content
from scpdesk.services.library.review_io import export_reviews
from scpdesk.services.library.reviews import ReviewInput
from scpdesk.services.panel.calendar import export_meeting_ics
from scpdesk.services.panel.meeting_pack import produce_pack
from scpdesk.services.panel.meetings import MeetingInput
from scpdesk.services.referrals.referral_io import export_referrals
from scpdesk.services.referrals.referrals import ChildInput, IdentityInput, ReferralInput

TODAY = dt.date(2026, 11, 25)
SEEDED = IdentityInput(full_name="Persephone Hollowbrook-Vance", date_of_birth=dt.date(2015, 2, 3),
                       nhs_number="943 476 5919", address="27 Wrenfield Terrace\nLower Ashcombe, AC7 2PD")
#: Tables that may hold an identity: the identity table itself and the key its audit values are hashed with.
RESTRICTED_TABLES = {"child_identity", "identity_audit_key"}


def needles(rows: list[tuple[str, dt.date | None, str, str]], seeded_dob: dt.date) -> set[str]:
    """Every written form searched for, lower case."""
    found: set[str] = set()
    for name, _dob, nhs, address in rows:
        found.add(name.lower())
        digits = re.sub(r"\D", "", nhs)
        if digits:
            found |= {digits, f"{digits[:3]} {digits[3:6]} {digits[6:]}", f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"}
        for line in re.split(r"[,\n]+", address):
            line = line.strip()
            postcode = re.search(r"([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$", line)
            if postcode:
                found |= {f"{postcode[1]} {postcode[2]}".lower(), f"{postcode[1]}{postcode[2]}".lower()}
                line = line[:postcode.start()].strip()
            if len(line.split()) >= 2:  # a house and street; a town alone is the partnership's area
                found.add(line.lower())
    d = seeded_dob  # demo children are born within the demo's own date range, so only the seeded date is searched
    found |= {f"{d:%d/%m/%Y}", f"{d.day}/{d.month}/{d.year}", f"{d:%Y-%m-%d}", f"{d.day} {d:%B %Y}".lower(),
              f"{d.day} {d:%b %Y}".lower(), f"{d:%d %B %Y}".lower(), f"{d:%d-%m-%Y}", f"{d:%d.%m.%Y}"}
    return found


def read_output(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith(b"%PDF"):
        reader = PdfReader(io.BytesIO(data))
        meta = " ".join(str(v) for v in (reader.metadata or {}).values())
        return meta + "\n" + "\n".join(page.extract_text() or "" for page in reader.pages)
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return data.decode("utf-8", "replace")


def dump_tables(db: Database) -> dict[str, str]:
    with db.engine.connect() as conn:
        names = [n for n in inspect(conn).get_table_names() if n not in RESTRICTED_TABLES]
        return {name: "\n".join(repr(tuple(r)) for r in conn.execute(text(f'SELECT * FROM "{name}"')))
                for name in names}


def test_a_full_workflow_leaves_no_identity_value_outside_child_identity(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ctx = ServiceContext(db, user="coordinator.a", today=lambda: TODAY)
    sv = Services(ctx)
    fill_demo_data(ctx, today=TODAY)
    rid, _ = sv.referrals.create(ReferralInput(
        reference="NSCP-2026-900", received_date=dt.date(2026, 11, 20), child_pseudonym="Child P",
        la_aware_date=dt.date(2026, 11, 19), incident_date=dt.date(2026, 11, 18), summary="Child P was found.",
        children=(ChildInput("Child P", identity=SEEDED),)))
    assert sv.referrals.identities(rid)[0][1].full_name == SEEDED.full_name  # shown (audited), never copied
    sv.workflow.screen(rid, sv.referrals.get(rid).version, route=Route.RAPID_REVIEW,
                       screened_date=dt.date(2026, 11, 23), notes="Serious harm.")
    mid, _ = sv.meetings.create(MeetingInput(kind=MeetingKind.RAPID_REVIEW_PANEL, meeting_date=TODAY,
                                             start_time=dt.time(10, 0), place="Room 4"))
    sv.meetings.add_case(mid, sv.meetings.get(mid).version, rid)
    review_id, _ = sv.reviews.create(ReviewInput(reference="NSCP-CR-2026-900", title="Child P: learning summary",
                                                 review_type=ReviewType.LEARNING_SUMMARY, pseudonym="Child P",
                                                 referral_id=rid, summary="What Child P's life was like."))
    save_content(ctx, review_id, 0, about="About Child P.", what_happened="Child P was seen at school.")
    with pytest.raises(UserError):  # the guard refuses the seeded name in published text
        save_content(ctx, review_id, 1, what_happened=f"{SEEDED.full_name} was seen at school.")

    out = tmp_path / "out"
    out.mkdir()
    written: list[Path] = []
    for meeting in sv.meetings.list_rows():
        written.append(out / f"pack-{meeting.id}.pdf")
        produce_pack(ctx, meeting.id, written[-1])
        written.append(export_meeting_ics(ctx, meeting.id, out / f"invite-{meeting.id}.ics"))
    for review in sv.reviews.list_rows():
        for name, kwargs in ((f"ls-{review.id}.pdf", {}), (f"ls-{review.id}.html", {"fmt": "html"}),
                             (f"brief-{review.id}.pdf", {"briefing": True})):
            try:
                export_learning_summary(ctx, review.id, out / name, **kwargs)
                written.append(out / name)
            except UserError:
                pass  # refused by the guard: nothing written (a refusal is fine, a leak is not)
        written.append(out / f"plan-{review.id}.pdf")
        export_plan_pdf(ctx, review.id, written[-1])
        written.append(out / f"plan-{review.id}.xlsx")
        export_plan_xlsx(ctx, review.id, written[-1])
    for fmt in ("csv", "xlsx"):
        for name, export in (("referrals", export_referrals), ("reviews", export_reviews),
                             ("actions", export_actions)):
            written.append(out / f"{name}.{fmt}")
            export(ctx, written[-1], fmt)
    assert written and all(p.exists() for p in written)

    data_dir = tmp_path / "data"
    capsys.readouterr()
    for argv in (["deadlines"], ["deadlines", "--json"], ["meetings", "--json"], ["reviews", "--json"],
                 ["settings", "show"], ["db", "check"], ["export", "referrals", "-o", str(out / "cli.csv")],
                 ["meeting-pack", sv.meetings.get(mid).reference, "-o", str(out / "cli-pack.pdf")],
                 ["learning-summary", "NSCP-CR-2026-900", "-o", str(out / "cli-ls.html")]):
        main(["--database", db.url, "--data-dir", str(data_dir), *argv])
    captured = capsys.readouterr()
    outputs = {p.name: read_output(p) for p in sorted(out.iterdir())}
    outputs["cli stdout+stderr"] = captured.out + captured.err
    outputs |= {f"log {p.name}": p.read_text("utf-8", "replace")
                for p in sorted((data_dir / "logs").rglob("*")) if p.is_file()}
    outputs |= {f"{p.name}": p.read_text("utf-8", "replace") for p in data_dir.glob("*.jsonl")}
    outputs |= {f"table {name}": content for name, content in dump_tables(db).items()}

    with db.sessions() as s:
        identities = [(i.full_name, i.date_of_birth, i.nhs_number, i.address) for i in s.scalars(select(ChildIdentity))]
    assert len(identities) > 5 and any(i[0] == SEEDED.full_name for i in identities)
    wanted = needles(identities, SEEDED.date_of_birth)
    assert "27 wrenfield terrace" in wanted and "ac72pd" in wanted and "9434765919" in wanted
    leaks = sorted({(where, needle) for where, content in outputs.items() for needle in wanted
                    if needle in content.lower()})
    assert not leaks, leaks
    assert "cli-ls.html" in outputs and "cli-pack.pdf" in outputs and any(n.startswith("pack-") for n in outputs)
