"""People where people act (issue 13, migration 0009), on SQLite, PostgreSQL and encrypted SQLite: a sign-off, a
summary request, an immediate safety action and a review's action name a person from the directory; their agency
follows; an unknown or retired person is refused with the field named; the audit names the person in words; a
person named on a record cannot be deleted (only retired) and still shows by name; a stale save still names who;
records from before (agency only) stay valid through the upgrade."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import delete, func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from scpdesk.errors import ConflictError, UserError
from scpdesk.models import Action, Agency, AuditEvent, Person, Recommendation, Review, SafetyAction, schema
from scpdesk.models.database import Database
from scpdesk.models.enums import AgencyKind, Partner, ReviewStatus, ReviewType, Route
from scpdesk.services import ServiceContext
from scpdesk.services.history import referral_history
from scpdesk.services.library import actions as act
from scpdesk.services.organisation.directory import PersonInput, add_person, get_person, retire_person
from scpdesk.services.referrals.referral_screen import ReferralArea
from scpdesk.services.referrals.referrals import ReferralInput, ReferralService
from scpdesk.services.referrals.workflow import WorkflowService

TODAY = dt.date(2026, 4, 1)
LA_AWARE, RECEIVED, SIN_SENT, RR_START = (dt.date(2025, 12, 19), dt.date(2025, 12, 22), dt.date(2025, 12, 23),
                                           dt.date(2025, 12, 24))
SIGNED = dt.date(2026, 1, 12)


class Desk:
    """A coordinator's services, three agencies and four people (one without an agency)."""

    def __init__(self, db: Database, user: str = "coordinator.a", base: Desk | None = None) -> None:
        self.db = db
        self.ctx = ServiceContext(db, user=user, today=lambda: TODAY)
        self.wf = WorkflowService(self.ctx)
        self.referrals = ReferralService(self.ctx)
        if base is not None:
            self.agency, self.person = base.agency, base.person
            return
        with self.ctx.unit_of_work() as s:
            agencies = {"police": Agency(name="Northshire Police", kind=AgencyKind.POLICE),
                        "icb": Agency(name="Northshire ICB", kind=AgencyKind.ICB),
                        "school": Agency(name="Oak <Primary> & Co", kind=AgencyKind.EDUCATION)}
            s.add_all(agencies.values())
            s.flush()
            self.agency = {k: a.id for k, a in agencies.items()}
        self.person = {
            "penrose": add_person(self.ctx, PersonInput("DCI Mark Penrose", "Detective", self.agency["police"]))[0],
            "rahman": add_person(self.ctx, PersonInput("DS Aisha Rahman", "", self.agency["police"]))[0],
            "okafor": add_person(self.ctx, PersonInput("Dr Daniel Okafor", "Designated doctor",
                                                       self.agency["icb"]))[0],
            "calloway": add_person(self.ctx, PersonInput("Dr Ruth Calloway", "Independent chair"))[0],
        }

    def v(self, rid: int) -> int:
        return self.referrals.get(rid).version

    def in_rapid_review(self) -> int:
        rid, _ = self.referrals.create(ReferralInput(
            reference="NSCP-P-001", received_date=RECEIVED, child_pseudonym="Child P", la_aware_date=LA_AWARE,
            incident_date=dt.date(2025, 12, 18), agency_ids=(self.agency["police"],)))
        self.wf.screen(rid, self.v(rid), route=Route.RAPID_REVIEW, screened_date=RECEIVED)
        self.wf.record_sin(rid, self.v(rid), sin_reference="NP-2025-0042", sent_date=SIN_SENT)
        self.wf.start_rapid_review(rid, self.v(rid), started_date=RR_START, agency_ids=[self.agency["police"]])
        return rid

    def retire(self, key: str) -> None:
        pid = self.person[key]
        retire_person(self.ctx, pid, dt.date(2026, 3, 1), expected_version=get_person(self.ctx, pid).version)

    def audit(self, entity: str, field: str) -> list[tuple[str | None, str | None]]:
        with self.db.sessions() as s:
            return [tuple(r) for r in s.execute(  # type: ignore[misc]
                select(AuditEvent.old_value, AuditEvent.new_value)
                .where(AuditEvent.entity == entity, AuditEvent.field == field).order_by(AuditEvent.id))]


@pytest.fixture
def desk(db: Database) -> Desk:
    return Desk(db)


def test_a_sign_off_names_a_person_their_agency_shows_and_the_history_says_who(desk: Desk) -> None:
    rid = desk.in_rapid_review()
    desk.wf.sign_off(rid, desk.v(rid), partner=Partner.ICB, name="", person_id=desk.person["okafor"],
                     signed_date=SIGNED)
    for rr in (desk.wf.rapid_review(rid), ReferralArea(desk.ctx).screen(rid).rapid_review):  # both reads agree
        assert rr is not None
        [icb] = rr.signoffs
        assert (icb.partner, icb.name, icb.person_id, icb.agency) == (
            Partner.ICB, "Dr Daniel Okafor", desk.person["okafor"], "Northshire ICB")
        assert icb.signed_by == "Dr Daniel Okafor (Northshire ICB)"
    # A name typed (someone not in the directory) still signs; the person is then cleared, and said so.
    desk.wf.sign_off(rid, desk.v(rid), partner=Partner.ICB, name="Dr Patel (deputy)", signed_date=SIGNED)
    rr = desk.wf.rapid_review(rid)
    assert rr is not None and (rr.signoffs[0].name, rr.signoffs[0].person_id) == ("Dr Patel (deputy)", None)
    assert desk.audit("partner_signoff", "signed by") == [
        (None, "Dr Daniel Okafor (Northshire ICB)"), ("Dr Daniel Okafor (Northshire ICB)", None)]
    words = [(h.what, h.field, h.new_value) for h in referral_history(desk.ctx, rid)]
    assert ("partner signoff", "signed by", "Dr Daniel Okafor (Northshire ICB)") in words


def test_an_unknown_or_retired_person_is_refused_with_the_field_named(desk: Desk) -> None:
    rid = desk.in_rapid_review()
    desk.retire("rahman")
    before = desk.v(rid)
    with pytest.raises(UserError) as raised:
        desk.wf.sign_off(rid, before, partner=Partner.POLICE, name="", person_id=999_999, signed_date=SIGNED)
    assert raised.value.field == "person" and "no longer in the directory" in raised.value.message
    with pytest.raises(UserError) as raised:
        desk.wf.sign_off(rid, before, partner=Partner.POLICE, name="", person_id=desk.person["rahman"],
                         signed_date=SIGNED)
    assert raised.value.field == "person" and "DS Aisha Rahman left on 01/03/2026" in raised.value.message
    with pytest.raises(UserError) as raised:
        desk.wf.add_safety_action(rid, description="Strategy meeting", owner_agency_id=None, due_date=None,
                                  owner_person_id=desk.person["rahman"])
    assert raised.value.field == "owner_person"
    with pytest.raises(UserError) as raised:
        desk.wf.request_summaries(rid, agency_ids=[], person_ids=[desk.person["rahman"]], requested_date=TODAY,
                                  due_date=TODAY)
    assert raised.value.field == "people"
    assert desk.v(rid) == before  # nothing was written
    rr = desk.wf.rapid_review(rid)
    assert rr is not None and rr.signoffs == () and rr.safety_actions == ()


def test_a_safety_action_owned_by_a_person_takes_their_agency(desk: Desk) -> None:
    rid = desk.in_rapid_review()
    # The agency chosen before the person is not theirs: the person's agency follows them.
    desk.wf.add_safety_action(rid, description="Visit the family", owner_agency_id=desk.agency["school"],
                              due_date=TODAY, owner_person_id=desk.person["penrose"])
    desk.wf.add_safety_action(rid, description="Agency only, as before", owner_agency_id=desk.agency["school"],
                              due_date=None)
    desk.wf.add_safety_action(rid, description="A person without an agency", owner_agency_id=desk.agency["icb"],
                              due_date=None, owner_person_id=desk.person["calloway"])
    with desk.db.sessions() as s:
        stored = [(a.owner_person_id, a.owner_agency_id) for a in s.scalars(select(SafetyAction)
                                                                            .order_by(SafetyAction.id))]
    assert stored == [(desk.person["penrose"], desk.agency["police"]), (None, desk.agency["school"]),
                      (desk.person["calloway"], desk.agency["icb"])]
    expected = ["DCI Mark Penrose (Northshire Police)", "Oak <Primary> & Co", "Dr Ruth Calloway (Northshire ICB)"]
    for rr in (desk.wf.rapid_review(rid), ReferralArea(desk.ctx).screen(rid).rapid_review):
        assert rr is not None
        assert [a.owner for a in rr.safety_actions] == expected
    assert desk.audit("safety_action", "owner") == [(None, "DCI Mark Penrose (Northshire Police)"),
                                                    (None, "Dr Ruth Calloway")]


def test_a_summary_is_asked_of_a_named_person_in_their_agency(desk: Desk) -> None:
    rid = desk.in_rapid_review()  # the police were asked at the start, without a name
    desk.wf.request_summaries(rid, agency_ids=[desk.agency["school"]],
                              person_ids=[desk.person["okafor"], desk.person["penrose"]],
                              requested_date=RR_START, due_date=TODAY)
    rr = ReferralArea(desk.ctx).screen(rid).rapid_review
    assert rr is not None
    assert sorted((s.agency, s.person) for s in rr.summaries) == [
        ("Northshire ICB", "Dr Daniel Okafor"), ("Northshire Police", "DCI Mark Penrose"),
        ("Oak <Primary> & Co", "")]
    with pytest.raises(UserError, match="same agency") as raised:
        desk.wf.request_summaries(rid, agency_ids=[], person_ids=[desk.person["penrose"], desk.person["rahman"]],
                                  requested_date=RR_START, due_date=TODAY)
    assert raised.value.field == "people"
    with pytest.raises(UserError, match="has no agency") as raised:
        desk.wf.request_summaries(rid, agency_ids=[], person_ids=[desk.person["calloway"]],
                                  requested_date=RR_START, due_date=TODAY)
    assert ("asked" in {f for f in (h.field for h in referral_history(desk.ctx, rid))})
    # Asking a second person at an agency whose summary was already asked of someone named is refused, naming
    # both (it was silently ignored: the coordinator believed Rahman had been asked); the same person again is fine.
    before = desk.v(rid)
    with pytest.raises(UserError, match="already asked of DCI Mark Penrose") as raised:
        desk.wf.request_summaries(rid, agency_ids=[], person_ids=[desk.person["rahman"]],
                                  requested_date=RR_START, due_date=TODAY)
    assert raised.value.field == "people" and "DS Aisha Rahman" in raised.value.message
    assert desk.v(rid) == before  # nothing written
    desk.wf.request_summaries(rid, agency_ids=[], person_ids=[desk.person["penrose"]],
                              requested_date=RR_START, due_date=TODAY)


def test_a_retired_signer_stays_on_the_record_by_name_and_cannot_be_deleted(desk: Desk) -> None:
    rid = desk.in_rapid_review()
    desk.wf.sign_off(rid, desk.v(rid), partner=Partner.POLICE, name="", person_id=desk.person["penrose"],
                     signed_date=SIGNED)
    desk.retire("penrose")
    # The sign-off keeps them (a later date corrected, same person: allowed), and shows their name.
    desk.wf.sign_off(rid, desk.v(rid), partner=Partner.POLICE, name="", person_id=desk.person["penrose"],
                     signed_date=SIGNED + dt.timedelta(days=1))
    rr = ReferralArea(desk.ctx).screen(rid).rapid_review
    assert rr is not None and rr.signoffs[0].signed_by == "DCI Mark Penrose (Northshire Police)"
    with pytest.raises(IntegrityError), desk.db.sessions() as s, s.begin():
        s.execute(delete(Person).where(Person.id == desk.person["penrose"]))


def test_a_stale_sign_off_is_refused_naming_who_changed_the_referral(db: Database) -> None:
    a = Desk(db, "coordinator.a")
    b = Desk(db, "coordinator.b", base=a)
    rid = b.in_rapid_review()
    opened = b.v(rid)
    a.wf.sign_off(rid, a.v(rid), partner=Partner.ICB, name="", person_id=a.person["okafor"], signed_date=SIGNED)
    with pytest.raises(ConflictError) as raised:
        b.wf.sign_off(rid, opened, partner=Partner.ICB, name="", person_id=b.person["calloway"], signed_date=SIGNED)
    assert raised.value.changed_by == "coordinator.a" and "coordinator.a" in str(raised.value)
    rr = b.wf.rapid_review(rid)
    assert rr is not None and rr.signoffs[0].person_id == a.person["okafor"]


def _review_with_recommendation(desk: Desk) -> int:
    with desk.ctx.unit_of_work() as s:
        review = Review(reference="LCSPR-P-1", title="Child P", review_type=ReviewType.LCSPR,
                        status=ReviewStatus.COMMISSIONED)
        s.add(review)
        s.flush()
        recommendation = Recommendation(review_id=review.id, position=1, text="Joint visits")
        s.add(recommendation)
        s.flush()
        return recommendation.id


def test_a_review_action_owned_by_a_person_shows_them_in_the_plan_lists_and_export(desk: Desk,
                                                                                   tmp_path: Path) -> None:
    rec_id = _review_with_recommendation(desk)
    saved = act.add_action(desk.ctx, rec_id, act.ActionInput(
        "Audit joint visits", TODAY + dt.timedelta(days=30), owner_agency_id=desk.agency["school"],
        owner_person_id=desk.person["okafor"]))
    with desk.db.sessions() as s:
        row = s.get_one(Action, saved.id)
        assert (row.owner_person_id, row.owner_agency_id) == (desk.person["okafor"], desk.agency["icb"])
    [action] = act.review_plan(desk.ctx, _review_id(desk)).actions
    assert (action.owner, action.owner_person_id) == ("Dr Daniel Okafor (Northshire ICB)", desk.person["okafor"])
    assert [r.owner for r in act.open_actions(desk.ctx)] == ["Dr Daniel Okafor (Northshire ICB)"]
    assert desk.audit("action", "owner") == [(None, "Dr Daniel Okafor (Northshire ICB)")]
    # Retired later, they stay on the action; the action can still be edited without choosing again.
    desk.retire("okafor")
    act.edit_action(desk.ctx, saved.id, action.version, act.ActionInput(
        "Audit joint visits quarterly", action.due_date, owner_person_id=desk.person["okafor"]))
    with pytest.raises(UserError) as raised:  # but no one else who has left can be newly named
        act.edit_action(desk.ctx, saved.id, action.version + 1, act.ActionInput(
            "Audit", action.due_date, owner_person_id=desk.person["okafor"] + 999))
    assert raised.value.field == "owner_person_id"
    target = tmp_path / "actions.csv"
    act.export_actions(desk.ctx, target, "csv")
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["owner_agency"], r["owner_person"]) for r in rows] == [("Northshire ICB", "Dr Daniel Okafor")]


def _review_id(desk: Desk) -> int:
    with desk.db.sessions() as s:
        return s.scalars(select(Review.id)).one()


def test_records_from_before_keep_their_agency_through_the_upgrade(db: Database) -> None:
    """Down to 0008 and up again (SQLite rebuilds the four tables): every row and its agency kept, no person."""
    from alembic import command

    desk = Desk(db)
    rid = desk.in_rapid_review()
    desk.wf.add_safety_action(rid, description="Agency only", owner_agency_id=desk.agency["police"], due_date=None)
    desk.wf.sign_off(rid, desk.v(rid), partner=Partner.LA, name="A. Director", signed_date=SIGNED)
    with db.engine.connect() as conn:
        if db.is_sqlite:
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        command.downgrade(schema._alembic_config(conn), "0008")
        conn.commit()
        assert "owner_person_id" not in {c["name"] for c in inspect(conn).get_columns("safety_action")}
        command.upgrade(schema._alembic_config(conn), "head")
        conn.commit()
        if db.is_sqlite:
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]
    assert schema.current_revision(db) == schema.HEAD_REVISION
    with db.sessions() as s:
        assert s.execute(select(SafetyAction.owner_agency_id, SafetyAction.owner_person_id)).all() == [
            (desk.agency["police"], None)]
        assert s.scalar(select(func.count()).select_from(text("partner_signoff"))) == 1
    rr = desk.wf.rapid_review(rid)
    assert rr is not None and rr.signoffs[0].signed_by == "A. Director"
    assert [a.owner for a in rr.safety_actions] == ["Northshire Police"]


def test_the_action_plan_pdf_names_the_owner_with_their_agency(desk: Desk, tmp_path: Path) -> None:
    from pypdf import PdfReader

    rec_id = _review_with_recommendation(desk)
    pid = add_person(desk.ctx, PersonInput("Sam <b>Lee</b> & Co", "", desk.agency["school"]))[0]
    act.add_action(desk.ctx, rec_id, act.ActionInput("Audit joint visits", TODAY, owner_person_id=pid))
    target = tmp_path / "plan.pdf"
    act.export_plan_pdf(desk.ctx, _review_id(desk), target)
    words = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(target).pages)
    # Shown as typed, never markup (spaces aside: a narrow column may wrap the name after its "/").
    assert "Sam<b>Lee</b>&Co(Oak<Primary>&Co)" in words.replace(" ", "")
