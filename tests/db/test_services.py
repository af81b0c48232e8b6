"""Services on both databases: intake validation, audit in the same transaction, conflicts, clocks, lists."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from scpdesk.errors import ConflictError, UserError, ValidationErrors
from scpdesk.models import Agency, AuditEvent, ClosureDay, Meeting, MeetingMember, Person, Referral, Review
from scpdesk.models.database import Database
from scpdesk.models.enums import AgencyKind, Attendance, MeetingKind, MeetingStatus, ReviewStatus, ReviewType
from scpdesk.models.timeframes import ClockState
from scpdesk.models.words import library_state_text, state_text
from scpdesk.services import ServiceContext, Services
from scpdesk.services.deadlines import open_deadlines
from scpdesk.services.history import history
from scpdesk.services.referrals.referrals import ReferralInput

TODAY = dt.date(2026, 1, 5)  # Monday


def services(db: Database, user: str = "coordinator.a", today: dt.date = TODAY) -> Services:
    return Services(ServiceContext(db, user=user, today=lambda: today))


def intake(**overrides: object) -> ReferralInput:
    values: dict[str, object] = {"reference": "NSCP-2025-101", "received_date": dt.date(2025, 12, 22),
                                 "child_pseudonym": "Child N", "la_aware_date": dt.date(2025, 12, 19),
                                 "incident_date": dt.date(2025, 12, 18), "summary": "Summary <b>&</b> ŵŷ"}
    values.update(overrides)
    return ReferralInput(**values)  # type: ignore[arg-type]


def test_intake_saves_and_the_list_shows_the_worked_example_clock(db: Database) -> None:
    sv = services(db, today=dt.date(2025, 12, 29))
    rid, changes = sv.referrals.create(intake())
    assert changes.touches("referral")
    [row] = sv.referrals.list_rows()
    assert (row.id, row.reference, row.pseudonym) == (rid, "NSCP-2025-101", "Child N")
    # domain.md: LA aware Fri 19 Dec 2025 -> SIN due Tue 30 Dec 2025, rapid review Wed 14 Jan 2026.
    assert row.next_clock == "Serious incident notification" and row.next_due == dt.date(2025, 12, 30)
    assert row.working_days_left == 1 and row.state_key is ClockState.DUE_SOON
    detail = sv.referrals.get(rid)
    dues = {c.key: c.due_date for c in detail.clocks}
    assert dues["sin"] == dt.date(2025, 12, 30) and dues["rapid_review"] == dt.date(2026, 1, 14)
    assert detail.summary == "Summary <b>&</b> ŵŷ"
    why = next(c for c in detail.clocks if c.key == "sin").explanation.text()
    assert "Christmas Day" in why and "Boxing Day" in why


def test_the_list_row_carries_every_childs_pseudonym_for_the_search(db: Database) -> None:
    from scpdesk.models.enums import ChildRole
    from scpdesk.services.referrals.referrals import ChildInput

    sv = services(db)
    sv.referrals.create(intake(child_pseudonym="", children=(
        ChildInput("Child N"), ChildInput("Sibling M", role=ChildRole.SIBLING),
        ChildInput("Child O", role=ChildRole.OTHER))))
    sv.referrals.create(intake(reference="NSCP-2025-102"))
    rows = {r.reference: r for r in sv.referrals.list_rows()}
    assert rows["NSCP-2025-101"].pseudonym == "Child N"  # the subject, as the list shows it
    assert rows["NSCP-2025-101"].pseudonyms == ("Child N", "Sibling M", "Child O")
    assert rows["NSCP-2025-102"].pseudonyms == ("Child N",)


def test_a_closure_day_moves_the_due_date(db: Database) -> None:
    sv = services(db, today=dt.date(2025, 12, 22))
    rid, _ = sv.referrals.create(intake())
    with sv.ctx.unit_of_work() as s:
        s.add(ClosureDay(day=dt.date(2025, 12, 29), reason="Council Christmas closure"))
    detail = sv.referrals.get(rid)
    sin = next(c for c in detail.clocks if c.key == "sin")
    assert sin.due_date == dt.date(2025, 12, 31)
    assert "local closure day" in sin.explanation.text()


def test_overdue_referral_is_red(db: Database) -> None:
    sv = services(db, today=dt.date(2026, 1, 6))
    sv.referrals.create(intake())
    [row] = sv.referrals.list_rows()
    assert row.state_key is ClockState.OVERDUE and row.working_days_left == -4
    assert state_text(row.state_key, short=True) == "Overdue"


@pytest.mark.parametrize(("overrides", "field"), [
    ({"reference": "  "}, "reference"),
    ({"received_date": None}, "received_date"),
    ({"child_pseudonym": ""}, "child_pseudonym"),
    ({"child_pseudonym": "Jayden Smith"}, "child_pseudonym"),
    ({"received_date": dt.date(2026, 2, 1)}, "received_date"),
    ({"la_aware_date": dt.date(2025, 12, 17)}, "la_aware_date"),
], ids=["blank reference", "no received date", "no pseudonym", "real-looking name", "future date",
        "aware before incident"])
def test_bad_intake_names_the_field_and_saves_nothing(db: Database, overrides: dict[str, object],
                                                      field: str) -> None:
    sv = services(db)
    with pytest.raises(UserError) as raised:
        sv.referrals.create(intake(**overrides))
    fields = [e.field for e in raised.value.errors] if isinstance(raised.value, ValidationErrors) \
        else [raised.value.field]
    assert field in fields
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Referral)) == 0
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == 0


def test_duplicate_reference_is_refused(db: Database) -> None:
    sv = services(db)
    sv.referrals.create(intake())
    with pytest.raises(UserError, match="already used") as raised:
        sv.referrals.create(intake(child_pseudonym="Child M"))
    assert raised.value.field == "reference"


def test_every_write_is_audited_with_user_field_old_and_new(db: Database) -> None:
    sv = services(db)
    rid, _ = sv.referrals.create(intake())
    version = sv.referrals.get(rid).version
    sv.referrals.update(rid, version, summary="Revised summary")
    entries = history(sv.ctx, "referral", rid)
    assert {e.user for e in entries} == {"coordinator.a"}
    assert ("insert", "reference", None, "NSCP-2025-101") in {(e.action, e.field, e.old_value, e.new_value)
                                                            for e in entries}
    update = [e for e in entries if e.action == "update"]
    assert [(e.field, e.old_value, e.new_value) for e in update] == [
        ("summary", "Summary <b>&</b> ŵŷ", "Revised summary")]
    assert all(e.occurred_at.tzinfo is not None for e in entries)


def test_a_stale_edit_is_a_conflict_naming_who_changed_it(db: Database) -> None:
    first, second = services(db, "coordinator.a"), services(db, "coordinator.b")
    rid, _ = first.referrals.create(intake())
    opened = second.referrals.get(rid).version
    first.referrals.update(rid, first.referrals.get(rid).version, summary="First person's change")
    with pytest.raises(ConflictError) as raised:
        second.referrals.update(rid, opened, summary="Second person's change")
    assert raised.value.changed_by == "coordinator.a"
    assert "coordinator.a" in str(raised.value)
    assert first.referrals.get(rid).summary == "First person's change"


def test_a_failed_write_leaves_no_partial_rows_or_audit(db: Database) -> None:
    sv = services(db)
    rid, _ = sv.referrals.create(intake())
    before = len(history(sv.ctx, "referral", rid))
    with pytest.raises(UserError):
        sv.referrals.update(rid, sv.referrals.get(rid).version, summary="kept?", la_aware_date=dt.date(2025, 1, 1))
    assert sv.referrals.get(rid).summary == "Summary <b>&</b> ŵŷ"
    assert len(history(sv.ctx, "referral", rid)) == before


def _review(s, **values: object) -> None:
    base = {"reference": "LIB-1", "title": "Child N", "pseudonym": "Child N", "review_type": ReviewType.LCSPR,
            "status": ReviewStatus.PUBLISHED}
    base.update(values)
    s.add(Review(**base))


def test_library_window_and_archive_dates(db: Database) -> None:
    sv = services(db, today=dt.date(2026, 2, 10))
    with sv.ctx.unit_of_work() as s:
        _review(s, published_date=dt.date(2025, 3, 3))
        _review(s, reference="LIB-2", title="Leap year", published_date=dt.date(2024, 2, 29))
        _review(s, reference="LIB-3", title="Family X", status=ReviewStatus.DEFERRED, published_date=None,
                decision_date=dt.date(2025, 3, 31), deferral_reason="criminal trial",
                deferral_review_date=dt.date(2026, 3, 1))
    rows = {r.reference: r for r in sv.reviews.list_rows()}
    assert rows["LIB-1"].window_end == dt.date(2026, 3, 3)
    said = {ref: library_state_text(r.library_state, window_end=r.window_end, deferral_reason=r.deferral_reason)
            for ref, r in rows.items()}
    assert said["LIB-1"] == "Published — online until 03 Mar 2026 (leaves the website soon)"
    assert rows["LIB-2"].window_end == dt.date(2025, 2, 28)
    assert said["LIB-2"] == "Archived — available on request"
    assert said["LIB-3"] == "Publication deferred (criminal trial)"
    lib3 = rows["LIB-3"]
    assert state_text(lib3.state_key, deferred_reason=lib3.deferred_reason) == "overdue — deferred (criminal trial)"
    assert rows["LIB-3"].next_due == dt.date(2025, 9, 30)


def test_meeting_quorum_needs_la_police_and_icb(db: Database) -> None:
    sv = services(db)
    with sv.ctx.unit_of_work() as s:
        agencies = {k: Agency(name=f"Agency {k}", kind=k) for k in
                    (AgencyKind.LOCAL_AUTHORITY, AgencyKind.POLICE, AgencyKind.ICB)}
        people = {k: Person(name=f"Member {k}", agency=a) for k, a in agencies.items()}
        s.add_all([*agencies.values(), *people.values()])
        held = Meeting(reference="RRP-1", kind=MeetingKind.RAPID_REVIEW_PANEL, meeting_date=dt.date(2026, 1, 2),
                       status=MeetingStatus.HELD)
        short = Meeting(reference="RRP-2", kind=MeetingKind.RAPID_REVIEW_PANEL,
                        meeting_date=dt.date(2026, 1, 3), status=MeetingStatus.HELD)
        s.add_all([held, short])
        s.flush()
        for kind, person in people.items():
            s.add(MeetingMember(meeting_id=held.id, person_id=person.id, attendance=Attendance.PRESENT))
            attendance = Attendance.APOLOGIES if kind is AgencyKind.ICB else Attendance.PRESENT
            s.add(MeetingMember(meeting_id=short.id, person_id=person.id, attendance=attendance))
    rows = {r.reference: r for r in sv.meetings.list_rows()}
    assert rows["RRP-1"].quorate and rows["RRP-1"].present == 3
    assert not rows["RRP-2"].quorate and rows["RRP-2"].apologies == 1


def test_deadlines_are_soonest_first_and_within_filters(db: Database) -> None:
    sv = services(db, today=dt.date(2026, 1, 5))
    sv.referrals.create(intake())  # SIN overdue since 30 Dec
    sv.referrals.create(intake(reference="NSCP-2026-002", la_aware_date=dt.date(2026, 1, 2),
                               incident_date=dt.date(2026, 1, 1), received_date=dt.date(2026, 1, 2)))
    found = open_deadlines(sv.ctx)
    # Every open clock (SIN, tell partners, rapid review of each), not only each referral's next one.
    assert [(d.reference, d.clock_key) for d in found] == [
        ("NSCP-2025-101", "sin"), ("NSCP-2025-101", "notify_partners"), ("NSCP-2026-002", "sin"),
        ("NSCP-2026-002", "notify_partners"), ("NSCP-2025-101", "rapid_review"), ("NSCP-2026-002", "rapid_review")]
    assert [d.due_date for d in found] == sorted(d.due_date for d in found if d.due_date is not None)
    assert [(d.reference, d.clock_key) for d in open_deadlines(sv.ctx, within_days=0)] == [
        ("NSCP-2025-101", "sin"), ("NSCP-2025-101", "notify_partners")]
    with pytest.raises(UserError):
        open_deadlines(sv.ctx, within_days=-1)
