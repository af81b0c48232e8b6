"""Recommendations and action plans on both databases: CRUD, derived overdue status, notes history, conflicts,
the open and overdue views, and the XLSX/CSV/PDF exports."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from scpdesk.errors import ConflictError, NotFoundError, UserError, ValidationErrors
from scpdesk.models import Action, Agency, AuditEvent, OrganisationSetting, Recommendation, Review
from scpdesk.models.database import Database
from scpdesk.models.enums import ActionStatus, AgencyKind, AuditAction, ReviewStatus, ReviewType
from scpdesk.services import ServiceContext
from scpdesk.services.library.actions import (
    ACTION_COLUMNS,
    ActionInput,
    add_action,
    add_progress_note,
    add_recommendation,
    days_overdue,
    delete_action,
    delete_recommendation,
    edit_action,
    edit_recommendation,
    effective_status,
    export_actions,
    export_plan_pdf,
    export_plan_xlsx,
    find_review,
    open_actions,
    overdue_counts,
    plan_document,
    reorder_recommendations,
    review_plan,
)

TODAY = dt.date(2026, 1, 20)
S = ActionStatus


def context(db: Database, today: dt.date = TODAY, user: str = "tester") -> ServiceContext:
    return ServiceContext(db, user=user, today=lambda: today)


def make_review(db: Database, reference: str = "NSCP-CR-2025-01", title: str = "Child N") -> int:
    with context(db).unit_of_work() as s:
        review = Review(reference=reference, title=title, pseudonym=title if title.startswith("Child") else "",
                        review_type=ReviewType.LCSPR, status=ReviewStatus.PUBLISHED)
        s.add(review)
        s.flush()
        return review.id


def make_agency(db: Database, name: str = "Northshire Police") -> int:
    with context(db).unit_of_work() as s:
        agency = Agency(name=name, kind=AgencyKind.POLICE)
        s.add(agency)
        s.flush()
        return agency.id


def version(db: Database, model: type, key: int) -> int:
    with context(db).read() as s:
        return s.get(model, key).version


def action_input(**kw: object) -> ActionInput:
    values: dict[str, object] = {"description": "Train staff in safer sleep", "due_date": dt.date(2026, 3, 31)}
    values.update(kw)
    return ActionInput(**values)  # type: ignore[arg-type]


def problems(exc: pytest.ExceptionInfo[UserError]) -> list[tuple[str, str]]:
    return [(e.field, e.message) for e in getattr(exc.value, "errors", [exc.value])]


# --- rules (no database) -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("status", "due", "expected", "days"), [
    (S.ON_TRACK, dt.date(2026, 1, 19), S.OVERDUE, 1),
    (S.ON_TRACK, TODAY, S.ON_TRACK, None),            # due today is on time
    (S.NOT_STARTED, dt.date(2025, 12, 1), S.OVERDUE, 50),
    (S.AT_RISK, dt.date(2026, 2, 1), S.AT_RISK, None),
    (S.COMPLETE, dt.date(2025, 1, 1), S.COMPLETE, None),  # complete always wins
    (S.OVERDUE, dt.date(2026, 2, 1), S.OVERDUE, None),  # the user's own judgement is kept
    (S.ON_TRACK, None, S.ON_TRACK, None),
])
def test_overdue_is_derived_from_the_due_date(status: ActionStatus, due: dt.date | None, expected: ActionStatus,
                                              days: int | None) -> None:
    assert effective_status(status, due, TODAY) is expected
    assert days_overdue(status, due, TODAY) == days


# --- recommendations ---------------------------------------------------------------------------------------

def test_recommendations_are_added_edited_reordered_and_deleted(db: Database) -> None:
    ctx = context(db)
    rid = make_review(db)
    first, changes = add_recommendation(ctx, rid, "  Improve safer sleep advice  ")
    assert changes.touches("recommendation") and changes.touches("review")
    second, _ = add_recommendation(ctx, rid, "Explore fathers' roles")
    third, _ = add_recommendation(ctx, rid, "Escalate concerns")
    plan = review_plan(ctx, rid)
    assert [(r.position, r.text) for r in plan.recommendations] == [
        (1, "Improve safer sleep advice"), (2, "Explore fathers' roles"), (3, "Escalate concerns")]
    edit_recommendation(ctx, second, plan.recommendations[1].version, "Explore the roles of fathers")
    reorder_recommendations(ctx, rid, plan.review_version, [third, first, second])
    plan = review_plan(ctx, rid)
    assert [(r.id, r.position) for r in plan.recommendations] == [(third, 1), (first, 2), (second, 3)]
    assert plan.recommendations[2].text == "Explore the roles of fathers"
    add_action(ctx, first, action_input())
    with pytest.raises(UserError, match="has actions"):
        delete_recommendation(ctx, first, version(db, Recommendation, first))
    delete_recommendation(ctx, third, version(db, Recommendation, third))
    assert [(r.id, r.position) for r in review_plan(ctx, rid).recommendations] == [(first, 1), (second, 2)]
    with pytest.raises(UserError, match="write the recommendation"):
        add_recommendation(ctx, rid, "   ")
    with pytest.raises(NotFoundError):
        add_recommendation(ctx, 9999, "x")
    with ctx.read() as s:
        fields = {(e.entity, e.action, e.field) for e in s.scalars(select(AuditEvent))}
    assert ("recommendation", AuditAction.UPDATE, "position") in fields
    assert ("recommendation", AuditAction.UPDATE, "text") in fields
    assert ("recommendation", AuditAction.DELETE, "") in fields


def test_a_reorder_from_a_stale_list_is_a_conflict(db: Database) -> None:
    ctx = context(db)
    rid = make_review(db)
    a, _ = add_recommendation(ctx, rid, "A")
    b, _ = add_recommendation(ctx, rid, "B")
    shown = review_plan(ctx, rid).review_version
    add_recommendation(context(db, user="someone else"), rid, "C")  # added after the list was shown
    with pytest.raises(ConflictError):
        reorder_recommendations(ctx, rid, shown, [b, a])
    with pytest.raises(UserError, match="once"):
        reorder_recommendations(ctx, rid, shown, [a, a, b])
    assert [r.text for r in review_plan(ctx, rid).recommendations] == ["A", "B", "C"]


# --- actions -----------------------------------------------------------------------------------------------

def test_an_action_is_added_and_edited_with_every_field(db: Database) -> None:
    ctx = context(db)
    rid = make_review(db)
    police = make_agency(db)
    rec, _ = add_recommendation(ctx, rid, "Improve safer sleep advice")
    saved = add_action(ctx, rec, action_input(owner_agency_id=police, expected_change="Parents understand risks",
                                              status=S.ON_TRACK, impact_check_date=dt.date(2026, 9, 1)),
                       note="Plan agreed")
    assert saved.warnings == () and saved.changes.touches("action")
    [action] = review_plan(ctx, rid).actions
    assert (action.description, action.owner, action.owner_agency_id, action.expected_change, action.status,
            action.effective_status, action.impact_check_date, action.completed_date) == (
        "Train staff in safer sleep", "Northshire Police", police, "Parents understand risks", S.ON_TRACK,
        S.ON_TRACK, dt.date(2026, 9, 1), None)
    assert action.progress_notes == "20/01/2026 tester: Plan agreed"
    edit_action(ctx, action.id, action.version, action_input(description="Train all staff", status=S.AT_RISK,
                                                             due_date=dt.date(2026, 4, 30)))
    [after] = review_plan(ctx, rid).actions
    assert (after.description, after.status, after.due_date, after.owner_agency_id, after.version) == (
        "Train all staff", S.AT_RISK, dt.date(2026, 4, 30), None, action.version + 1)
    assert after.progress_notes == action.progress_notes  # an edit never loses the history
    delete_action(ctx, after.id, after.version)
    assert review_plan(ctx, rid).actions == ()
    with ctx.read() as s:
        events = [(e.action, e.field, e.user) for e in s.scalars(select(AuditEvent)
                                                                 .where(AuditEvent.entity == "action"))]
    assert {(a, f) for a, f, _ in events} >= {(AuditAction.INSERT, "description"),
                                                      (AuditAction.UPDATE, "status"), (AuditAction.DELETE, "")}
    assert {u for _, _, u in events} == {"tester"}


def test_validation_names_each_field(db: Database) -> None:
    ctx = context(db)
    rec, _ = add_recommendation(ctx, make_review(db), "R")
    with pytest.raises(ValidationErrors) as exc:
        add_action(ctx, rec, action_input(description="  ", due_date=None, impact_check_date=dt.date(1900, 1, 1)))
    assert [f for f, _ in problems(exc)] == ["description", "due_date", "impact_check_date"]
    with pytest.raises(UserError) as exc:
        add_action(ctx, rec, action_input(due_date=dt.date(2099, 1, 1)))
    assert problems(exc) == [("due_date", "01/01/2099 is not a likely date; check the year")]
    with pytest.raises(UserError) as exc:
        add_action(ctx, rec, action_input(status=S.COMPLETE, completed_date=dt.date(2026, 1, 21)))
    assert problems(exc)[0][0] == "completed_date" and "in the future" in problems(exc)[0][1]
    with pytest.raises(UserError) as exc:
        add_action(ctx, rec, action_input(status=S.COMPLETE, completed_date=dt.date(2026, 1, 10),
                                          impact_check_date=dt.date(2026, 1, 5)))
    assert problems(exc)[0][0] == "impact_check_date"
    with pytest.raises(UserError) as exc:
        add_action(ctx, rec, action_input(owner_agency_id=424242))
    assert problems(exc)[0][0] == "owner_agency_id"
    with pytest.raises(UserError, match="note: keep a progress note to 4,000 characters"):
        add_action(ctx, rec, action_input(), note="x" * 4001)
    with ctx.read() as s:
        assert s.scalars(select(Action.description)).all() == []  # nothing refused was saved


def test_completing_needs_a_date_defaulting_to_today_and_evidence_is_encouraged(db: Database) -> None:
    ctx = context(db)
    rid = make_review(db)
    rec, _ = add_recommendation(ctx, rid, "R")
    saved = add_action(ctx, rec, action_input(status=S.COMPLETE))
    assert saved.warnings == ("evidence: no evidence of completion is recorded; add it when you have it (the "
                              "QA&S group will ask to see it)",)
    [action] = review_plan(ctx, rid).actions
    assert (action.status, action.completed_date, action.effective_status) == (S.COMPLETE, TODAY, S.COMPLETE)
    # Edited later with evidence and an explicit date: no warning, the date kept.
    saved = edit_action(ctx, action.id, action.version, action_input(status=S.COMPLETE, evidence="Training log",
                                                                     completed_date=dt.date(2026, 1, 12)))
    assert saved.warnings == ()
    # Reopening clears the completed date; past its due date it shows as overdue.
    later = context(db, dt.date(2026, 5, 1))
    [action] = review_plan(later, rid).actions
    assert action.completed_date == dt.date(2026, 1, 12)
    edit_action(later, action.id, action.version, action_input(status=S.ON_TRACK, evidence="Training log",
                                                               completed_date=dt.date(2026, 1, 12)))
    [action] = review_plan(later, rid).actions
    assert (action.status, action.completed_date, action.effective_status, action.days_overdue) == (
        S.ON_TRACK, None, S.OVERDUE, 31)


def test_overdue_status_follows_today_while_the_stored_status_is_kept(db: Database) -> None:
    rid = make_review(db)
    rec, _ = add_recommendation(context(db), rid, "R")
    add_action(context(db), rec, action_input(status=S.ON_TRACK, due_date=dt.date(2026, 2, 2)))
    for today, effective, days in ((dt.date(2026, 2, 2), S.ON_TRACK, None), (dt.date(2026, 2, 3), S.OVERDUE, 1),
                                   (dt.date(2026, 3, 4), S.OVERDUE, 30)):
        [action] = review_plan(context(db, today), rid).actions
        assert (action.status, action.effective_status, action.days_overdue) == (S.ON_TRACK, effective, days)
        assert action.overdue is (effective is S.OVERDUE)
        assert action.status_label == ("Overdue" if days else "On track")
    with context(db).read() as s:
        assert s.scalars(select(Action.status)).one() is S.ON_TRACK


def test_progress_notes_keep_their_history(db: Database) -> None:
    rid = make_review(db)
    rec, _ = add_recommendation(context(db), rid, "R")
    saved = add_action(context(db), rec, action_input())
    add_progress_note(context(db, dt.date(2026, 1, 21), "alice"), saved.id, "Trainer booked")
    add_progress_note(context(db, dt.date(2026, 2, 3), "bob"), saved.id, "Two sessions held;\nmore\r\nto  come ")
    [action] = review_plan(context(db), rid).actions
    assert action.progress_notes.splitlines() == ["21/01/2026 alice: Trainer booked",
                                                  "03/02/2026 bob: Two sessions held; more to come"]
    assert action.latest_note == "03/02/2026 bob: Two sessions held; more to come"
    # A note does not conflict with edits (it adds to whatever is there); an edit with a note appends too.
    edit_action(context(db, user="carol"), action.id, action.version, action_input(status=S.ON_TRACK),
                note="Status reviewed")
    [action] = review_plan(context(db), rid).actions
    assert action.progress_notes.splitlines()[-1] == "20/01/2026 carol: Status reviewed"
    assert len(action.progress_notes.splitlines()) == 3
    with pytest.raises(UserError, match="note: write the progress note"):
        add_progress_note(context(db), saved.id, " \n ")
    with pytest.raises(UserError, match="4,000 characters"):
        add_progress_note(context(db), saved.id, "x" * 4001)
    with pytest.raises(NotFoundError):
        add_progress_note(context(db), 424242, "hello")


def test_a_stale_edit_is_a_conflict_and_changes_nothing(db: Database) -> None:
    rid = make_review(db)
    rec, _ = add_recommendation(context(db), rid, "Original")
    saved = add_action(context(db), rec, action_input())
    [opened] = review_plan(context(db), rid).actions
    edit_action(context(db, user="alice"), saved.id, opened.version, action_input(description="Alice's change"))
    with pytest.raises(ConflictError) as exc:
        edit_action(context(db, user="bob"), saved.id, opened.version, action_input(description="Bob's change"))
    assert exc.value.changed_by == "alice" and "reload" in str(exc.value)
    with pytest.raises(ConflictError):
        delete_action(context(db), saved.id, opened.version)
    rec_version = review_plan(context(db), rid).recommendations[0].version
    edit_recommendation(context(db, user="alice"), rec, rec_version, "Alice's text")
    with pytest.raises(ConflictError):
        edit_recommendation(context(db, user="bob"), rec, rec_version, "Bob's text")
    plan = review_plan(context(db), rid)
    assert plan.recommendations[0].text == "Alice's text"
    assert plan.actions[0].description == "Alice's change"


# --- queries -----------------------------------------------------------------------------------------------

def _two_reviews(db: Database) -> tuple[int, int]:
    ctx = context(db)
    police = make_agency(db)
    first = make_review(db, "NSCP-CR-2025-01", "Child N")
    second = make_review(db, "NSCP-CR-2025-02", "Thematic review of neglect")
    r1, _ = add_recommendation(ctx, first, "Safer sleep")
    r2, _ = add_recommendation(ctx, first, "Fathers")
    r3, _ = add_recommendation(ctx, second, "Escalation")
    add_action(ctx, r1, action_input(description="Late one", due_date=dt.date(2026, 1, 5), owner_agency_id=police))
    add_action(ctx, r1, action_input(description="Done one", due_date=dt.date(2025, 12, 1), status=S.COMPLETE,
                                     evidence="Log"))
    add_action(ctx, r2, action_input(description="Future one", due_date=dt.date(2026, 6, 1), status=S.ON_TRACK))
    add_action(ctx, r3, action_input(description="Very late", due_date=dt.date(2025, 11, 20)))
    add_action(ctx, r3, action_input(description="Judged overdue", due_date=dt.date(2026, 2, 1), status=S.OVERDUE))
    return first, second


def test_open_and_overdue_actions_across_reviews(db: Database) -> None:
    ctx = context(db)
    first, second = _two_reviews(db)
    rows = open_actions(ctx)
    assert [(r.action, r.review_reference, r.effective_status, r.days_overdue) for r in rows] == [
        ("Very late", "NSCP-CR-2025-02", S.OVERDUE, 61),
        ("Late one", "NSCP-CR-2025-01", S.OVERDUE, 15),
        ("Judged overdue", "NSCP-CR-2025-02", S.OVERDUE, None),
        ("Future one", "NSCP-CR-2025-01", S.ON_TRACK, None),
    ]
    late = rows[1]
    assert (late.review_title, late.pseudonym, late.recommendation, late.recommendation_position, late.owner,
            late.status, late.status_label) == ("Child N", "Child N", "Safer sleep", 1, "Northshire Police",
                                                S.NOT_STARTED, "Overdue")
    assert [r.action for r in open_actions(ctx, overdue_only=True)] == ["Very late", "Late one", "Judged overdue"]
    assert overdue_counts(ctx) == {first: 1, second: 2}
    assert overdue_counts(context(db, dt.date(2026, 7, 1))) == {first: 2, second: 2}
    assert overdue_counts(context(db, dt.date(2025, 1, 1))) == {second: 1}
    plan = review_plan(ctx, first)
    assert (plan.reference, plan.title, plan.pseudonym, plan.overdue_count, plan.open_count, len(plan.actions)) == (
        "NSCP-CR-2025-01", "Child N", "Child N", 1, 2, 3)
    assert find_review(ctx, " nscp-cr-2025-02 ") == second
    with pytest.raises(NotFoundError):
        find_review(ctx, "NOPE")
    with pytest.raises(NotFoundError):
        review_plan(ctx, 424242)


# --- exports -----------------------------------------------------------------------------------------------

def test_plan_xlsx_holds_one_review_or_every_open_action_as_strings(db: Database, tmp_path: Path) -> None:
    ctx = context(db)
    first, _ = _two_reviews(db)
    rec = review_plan(ctx, first).recommendations[0].id
    add_action(ctx, rec, action_input(description='=HYPERLINK("http://x")', expected_change="@SUM(A1)",
                                      due_date=dt.date(2026, 5, 1)), note="-2 ŵ ŷ 👶")
    out = tmp_path / "plan.xlsx"
    assert export_plan_xlsx(ctx, first, out) == 4
    sheet = openpyxl.load_workbook(out).active
    assert [c.value for c in sheet[1]] == list(ACTION_COLUMNS) and sheet.freeze_panes == "A2"
    rows = [dict(zip(ACTION_COLUMNS, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert [r["action"] for r in rows] == ["Late one", "Done one", "'=HYPERLINK(\"http://x\")", "Future one"]
    late, done, hostile = rows[0], rows[1], rows[2]
    assert (late["effective_status"], late["status"], late["days_overdue"], late["recommendation_no"]) == (
        "overdue", "not_started", 15, 1)
    assert late["due_date"] == dt.datetime(2026, 1, 5) and done["completed_date"] == dt.datetime(2026, 1, 20)
    assert hostile["expected_change"] == "'@SUM(A1)"
    assert hostile["progress_notes"] == "20/01/2026 tester: -2 ŵ ŷ 👶"
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type in ("s", "n", "d") and not str(cell.value or "").startswith(("=", "+", "@"))
    out_open = tmp_path / "open.xlsx"
    assert export_plan_xlsx(ctx, None, out_open) == 5
    values = [r[5] for r in openpyxl.load_workbook(out_open).active.iter_rows(min_row=2, values_only=True)]
    assert "Done one" not in values and "Very late" in values
    with ctx.read() as s:
        events = [(e.entity, e.entity_id, e.new_value) for e in s.scalars(
            select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT).order_by(AuditEvent.id))]
    assert events == [
        ("review", str(first), "plan.xlsx: 4 actions"), ("action", "", "open.xlsx: 5 actions")]
    with pytest.raises(NotFoundError):
        export_plan_xlsx(ctx, 424242, tmp_path / "none.xlsx")
    assert not (tmp_path / "none.xlsx").exists()


def test_actions_csv_has_a_bom_and_neutralised_cells(db: Database, tmp_path: Path) -> None:
    ctx = context(db)
    first, _ = _two_reviews(db)
    rec = review_plan(ctx, first).recommendations[0].id
    add_action(ctx, rec, action_input(description="+1 <b>bold</b>", due_date=dt.date(2026, 5, 1)))
    out = tmp_path / "actions.csv"
    assert export_actions(ctx, out, "csv") == 6
    raw = out.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(ACTION_COLUMNS)
    by_action = {r[5]: dict(zip(ACTION_COLUMNS, r, strict=True)) for r in rows[1:]}
    assert "'+1 <b>bold</b>" in by_action
    assert by_action["Late one"]["due_date"] == "2026-01-05" and by_action["Late one"]["days_overdue"] == "15"
    assert export_actions(ctx, tmp_path / "open.csv", "csv", open_only=True) == 5
    with pytest.raises(UserError, match="ends in .xlsx but the format is csv"):
        export_actions(ctx, tmp_path / "x.xlsx", "csv")


def test_plan_pdf_uses_the_publication_marking_and_says_overdue(db: Database, tmp_path: Path) -> None:
    ctx = context(db)
    first, _ = _two_reviews(db)
    with ctx.unit_of_work() as s:
        s.add(OrganisationSetting(key="marking_publication", value_json=json.dumps("OFFICIAL — PUBLIC")))
        s.add(OrganisationSetting(key="partnership_name", value_json=json.dumps("Northshire SCP")))
    doc = plan_document(ctx, first)
    assert (doc.partnership, doc.marking, doc.title, doc.subtitle, doc.generated) == (
        "Northshire SCP", "OFFICIAL — PUBLIC", "Action plan: Child N", "NSCP-CR-2025-01", TODAY)
    assert [(g.number, g.text, len(g.actions)) for g in doc.groups] == [(1, "Safer sleep", 2), (2, "Fathers", 1)]
    assert doc.groups[0].actions[0].overdue and doc.groups[0].actions[0].days_overdue == 15
    everything = plan_document(ctx, None)
    assert everything.title == "Open actions" and len(everything.actions) == 4
    assert [g.review for g in everything.groups] == ["NSCP-CR-2025-01 Child N", "NSCP-CR-2025-01 Child N",
                                                     "NSCP-CR-2025-02"]
    out = tmp_path / "plan.pdf"
    assert export_plan_pdf(ctx, first, out) == 3
    reader = PdfReader(out)
    page = reader.pages[0].extract_text()
    assert "OFFICIAL — PUBLIC" in page and "OVERDUE" in page and "15 days past due" in page
    assert "Page 1 of 1" in page
    with ctx.read() as s:
        [event] = [(e.entity, e.entity_id, e.new_value)
                   for e in s.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.PRINT))]
    assert event == ("review", str(first), "plan.pdf: action plan PDF, 3 actions")
    with pytest.raises(UserError, match="ends in .xlsx but the format is pdf"):
        export_plan_pdf(ctx, first, tmp_path / "plan.xlsx")
    empty = make_review(db, "EMPTY", "Child E")
    assert export_plan_pdf(ctx, empty, tmp_path / "empty.pdf") == 0
    assert "No recommendations have been recorded" in PdfReader(tmp_path / "empty.pdf").pages[0].extract_text()
    assert sorted(p.name for p in tmp_path.glob("*.pdf*")) == ["empty.pdf", "plan.pdf"]  # no partial file
    assert not list(tmp_path.glob(".*.tmp"))
