"""First start (issue 13): the checklist is computed from the data, and the starter set of agencies loads in one
audited transaction that never adds an agency twice — run twice, or by two users at once — on SQLite and
PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select
from test_settings import png

from scpdesk.errors import UserError
from scpdesk.models import Agency, AuditEvent
from scpdesk.models.database import Database, open_database
from scpdesk.models.enums import AgencyKind
from scpdesk.services import ServiceContext, Services
from scpdesk.services.organisation.directory import PersonInput
from scpdesk.services.organisation.starter import StarterAgency, StarterResult, area_name

TODAY = dt.date(2025, 12, 22)


def _services(db: Database) -> Services:
    return Services(ServiceContext(db, user="coordinator", today=TODAY))


def _agencies(db: Database) -> list[tuple[str, AgencyKind]]:
    with db.sessions() as s:
        return [(n, k) for n, k in s.execute(select(Agency.name, Agency.kind).order_by(Agency.id))]


def test_an_empty_database_offers_the_starter_set_and_loading_twice_adds_nothing(db: Database) -> None:
    sv = _services(db)
    steps = sv.directory.first_steps()
    assert steps.empty and not steps.done
    assert (steps.agencies, steps.people, steps.closure_days, steps.logo) == (False, False, False, False)
    first = sv.directory.load_starter_set()
    names = [a.name for a in steps.starter()]
    assert first.added == tuple(names) and first.changes.touches("agency")
    kinds = [k for _n, k in _agencies(db)]
    assert kinds[:3] == [AgencyKind.LOCAL_AUTHORITY, AgencyKind.POLICE, AgencyKind.ICB]
    assert len(kinds) == 8 and len(set(kinds)) == 8
    with db.sessions() as s:
        line = s.scalars(select(AuditEvent.new_value).where(AuditEvent.field == "starter set")).one()
        inserts = s.scalars(select(AuditEvent.entity_id).where(AuditEvent.entity == "agency",
                                                               AuditEvent.action == "insert",
                                                               AuditEvent.field != "starter set")).all()
    assert "8 agencies: Local authority; Police; Integrated Care Board" in str(line)
    assert len(set(inserts)) == 8  # each agency's own insert is audited too
    again = sv.directory.load_starter_set()
    assert again.added == () and again.skipped == tuple(names) and not again.changes.kinds
    assert len(_agencies(db)) == 8
    assert sv.directory.first_steps().agencies and not sv.directory.first_steps().empty


def test_the_partners_are_named_from_the_partnership_and_existing_partners_are_kept(db: Database) -> None:
    sv = _services(db)
    sv.settings.save({"partnership_name": "Northshire Safeguarding Children Partnership"},
                     expected={"partnership_name": 0})
    sv.directory.add_agency("Northshire County Council", AgencyKind.LOCAL_AUTHORITY)
    starter = sv.directory.first_steps().starter()
    assert [a.name for a in starter[:3]] == ["Northshire Council", "Northshire Police",
                                             "NHS Northshire Integrated Care Board"]
    result = sv.directory.load_starter_set()
    assert "Northshire Council" in result.skipped  # the local authority is already there, under its own name
    assert [n for n, k in _agencies(db) if k is AgencyKind.LOCAL_AUTHORITY] == ["Northshire County Council"]
    assert "Northshire Police" in result.added


def test_edited_names_are_loaded_blank_ones_left_out_and_bad_ones_refused_whole(db: Database) -> None:
    sv = _services(db)
    chosen = [StarterAgency("  Westshire   Council ", AgencyKind.LOCAL_AUTHORITY), StarterAgency("", AgencyKind.POLICE),
              StarterAgency("Westshire ICB", AgencyKind.ICB)]
    result = sv.directory.load_starter_set(chosen)
    assert result.added == ("Westshire Council", "Westshire ICB")
    too_long = [StarterAgency("Westshire Police", AgencyKind.POLICE), StarterAgency("x" * 300, AgencyKind.OTHER)]
    with pytest.raises(UserError, match="200 characters"):
        sv.directory.load_starter_set(too_long)
    assert [n for n, _k in _agencies(db)] == ["Westshire Council", "Westshire ICB"]  # all or nothing


def test_two_users_loading_at_once_add_each_agency_once(db_url: str, db: Database) -> None:
    results: list[StarterResult] = []
    errors: list[BaseException] = []
    go = threading.Barrier(2)

    def load(user: str) -> None:
        own = open_database(db_url, user=user)
        try:
            sv = Services(ServiceContext(own, user=user, today=TODAY))
            go.wait()
            results.append(sv.directory.load_starter_set())
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            own.dispose()

    threads = [threading.Thread(target=load, args=(u,)) for u in ("coordinator.a", "coordinator.b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(len(r.added) for r in results) == [0, 8]
    assert len(_agencies(db)) == 8


def test_the_checklist_ticks_each_item_as_it_is_done(db: Database) -> None:
    sv = _services(db)
    sv.directory.load_starter_set()
    sv.directory.add_person(PersonInput("Sam Chair", "Panel chair"))
    steps = sv.directory.first_steps()
    assert (steps.agencies, steps.people, steps.closure_days, steps.logo) == (True, True, False, False)
    sv.settings.add_closure(dt.date(2025, 12, 29), "Council closure")
    sv.settings.set_logo(png(40, 20), expected_version=0)
    assert sv.directory.first_steps().done


def test_the_area_is_the_partnership_name_without_its_kind() -> None:
    assert area_name("Northshire Safeguarding Children Partnership") == "Northshire"
    assert area_name("Westhampton Children's Safeguarding Partnership") == "Westhampton"
    assert area_name("Safeguarding Children Partnership") == ""
    assert area_name("") == ""
