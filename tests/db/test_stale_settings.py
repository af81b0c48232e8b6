"""Every write of the organisation settings, the logo, the closure-day list and the directory (agencies,
people) refuses a version the user saw once someone else has saved: on SQLite and PostgreSQL, the clash is a
ConflictError naming who, and their value is kept (VERSIONS.md point 4)."""

from __future__ import annotations

import datetime as dt
import struct
import threading
import zlib
from typing import Any

import pytest
from sqlalchemy import event
from stale_checks import TODAY, StaleCall, assert_refused_naming_them, stale_write, two_writers

from scpdesk.errors import ConflictError, ScpdeskError, StorageError
from scpdesk.models.database import Database
from scpdesk.models.enums import AgencyKind
from scpdesk.services import ServiceContext
from scpdesk.services import settings as st
from scpdesk.services.organisation import closures as cl
from scpdesk.services.organisation import directory as d
from scpdesk.services.organisation import logo as lg

THEIRS = "Their version"
DAY, OTHER_DAY = dt.date(2026, 4, 6), dt.date(2026, 4, 7)


def _png(width: int) -> bytes:
    """A real one-row PNG ``width`` pixels wide (its size tells whose logo is saved)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + b"\xc0\x10\x10" * width
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row)) + chunk(b"IEND", b""))


# -- Settings, the logo, closure days -------------------------------------------------------------------------

def _save_settings(mine: ServiceContext, theirs: ServiceContext) -> object:
    st.save_settings(mine, {"partnership_name": "Northshire SCP"}, expected={"partnership_name": 0})
    seen = st.settings_snapshot(mine).versions
    st.save_settings(theirs, {"partnership_name": THEIRS}, expected={"partnership_name": seen["partnership_name"]})
    return stale_write(
        lambda: st.save_settings(mine, {"partnership_name": "My version", "published_window_months": 18},
                                 expected={k: seen[k] for k in ("partnership_name", "published_window_months")}),
        lambda: (st.get_settings(mine).partnership_name, st.get_settings(mine).published_window_months)
        == (THEIRS, 12))


def _save_settings_moving(mine: ServiceContext, theirs: ServiceContext) -> object:
    """Choosing the nation (issue 17) from a screen read before a colleague chose another: refused, theirs kept,
    and no clock is reported as moved (nothing was saved)."""
    seen = st.settings_snapshot(mine).versions
    cl.save_settings_moving(theirs, {"rule_set": "scotland"}, expected={"rule_set": seen["rule_set"]})
    return stale_write(
        lambda: cl.save_settings_moving(mine, {"rule_set": "wales"}, expected={"rule_set": seen["rule_set"]}),
        lambda: st.get_settings(mine).rule_set == "scotland")


def _set_logo(mine: ServiceContext, theirs: ServiceContext) -> object:
    lg.set_logo(mine, _png(10), expected_version=0)
    seen = st.settings_versions(mine)["logo"]
    lg.set_logo(theirs, _png(20), expected_version=seen)
    return stale_write(lambda: lg.set_logo(mine, None, expected_version=seen),
                       lambda: (info := st.logo_info(mine)) is not None and info.width == 20)


def _remove_closure(mine: ServiceContext, theirs: ServiceContext) -> object:
    cl.add_closure(mine, DAY, "Council closure")
    seen = cl.list_closures(mine)[0].version
    cl.add_closure(theirs, OTHER_DAY, THEIRS)  # the list changed since I saw it
    return stale_write(lambda: cl.remove_closure(mine, DAY, seen),
                       lambda: [c.day for c in cl.list_closures(mine)] == [DAY, OTHER_DAY])


# -- The directory --------------------------------------------------------------------------------------------

def _agency_clash(write: Any, *, retired: bool = False) -> StaleCall:
    """Me sees an agency; them renames it; me ``write(mine, agency_id, seen_version)``."""
    def call(mine: ServiceContext, theirs: ServiceContext) -> object:
        agency_id, _ = d.add_agency(mine, "Northshire Police", AgencyKind.POLICE)
        if retired:
            d.retire_agency(mine, agency_id, TODAY, expected_version=d.get_agency(mine, agency_id).version)
        seen = d.get_agency(mine, agency_id).version
        d.update_agency(theirs, agency_id, seen, name=THEIRS)

        def kept() -> bool:
            agency = d.get_agency(mine, agency_id)
            return agency.name == THEIRS and (agency.retired_on is not None) is retired

        return stale_write(lambda: write(mine, agency_id, seen), kept)

    return call


def _person_clash(write: Any, *, retired: bool = False) -> StaleCall:
    """Me sees a person; them corrects their name; me ``write(mine, person_id, seen_version)``."""
    def call(mine: ServiceContext, theirs: ServiceContext) -> object:
        person_id, _ = d.add_person(mine, d.PersonInput("Sam Lowther", "Head of Safeguarding"))
        if retired:
            d.retire_person(mine, person_id, TODAY, expected_version=d.get_person(mine, person_id).version)
        seen = d.get_person(mine, person_id).version
        d.update_person(theirs, person_id, seen, d.PersonInput(THEIRS, "Head of Safeguarding"))

        def kept() -> bool:
            person = d.get_person(mine, person_id)
            return person.name == THEIRS and (person.retired_on is not None) is retired

        return stale_write(lambda: write(mine, person_id, seen), kept)

    return call


STALE_CALLS: dict[str, StaleCall] = {
    "scpdesk.services.settings.save_settings": _save_settings,
    "scpdesk.services.organisation.closures.save_settings_moving": _save_settings_moving,
    "scpdesk.services.organisation.logo.set_logo": _set_logo,
    "scpdesk.services.organisation.closures.remove_closure": _remove_closure,
    "scpdesk.services.organisation.directory.update_agency": _agency_clash(
        lambda ctx, agency, seen: d.update_agency(ctx, agency, seen, name="My version")),
    "scpdesk.services.organisation.directory.retire_agency": _agency_clash(
        lambda ctx, agency, seen: d.retire_agency(ctx, agency, TODAY, expected_version=seen)),
    "scpdesk.services.organisation.directory.restore_agency": _agency_clash(
        lambda ctx, agency, seen: d.restore_agency(ctx, agency, expected_version=seen), retired=True),
    "scpdesk.services.organisation.directory.update_person": _person_clash(
        lambda ctx, person, seen: d.update_person(ctx, person, seen, d.PersonInput("My version"))),
    "scpdesk.services.organisation.directory.retire_person": _person_clash(
        lambda ctx, person, seen: d.retire_person(ctx, person, TODAY, expected_version=seen)),
    "scpdesk.services.organisation.directory.restore_person": _person_clash(
        lambda ctx, person, seen: d.restore_person(ctx, person, expected_version=seen), retired=True),
}

APPEND_ONLY: dict[str, str] = {
    "scpdesk.services.organisation.closures.add_closure": "adds a closure day (a day already there is refused); moves "
                                             "the list's version on",
    "scpdesk.services.organisation.closures.import_closures": "adds the file's new closure days, leaving saved ones as "
                                                 "they are; moves the list's version on",
    "scpdesk.services.organisation.directory.add_agency": "adds a new agency (a taken name is refused)",
    "scpdesk.services.organisation.directory.add_person": "adds a new person",
    "scpdesk.services.organisation.starter.load_starter_set": "adds only the starter agencies the directory lacks "
                                                             "(a name, or a statutory partner's type, already there "
                                                             "is skipped); replaces nothing",
}


@pytest.mark.parametrize("name", sorted(STALE_CALLS))
def test_a_stale_write_is_refused_naming_who_and_their_value_is_kept(db: Database, name: str) -> None:
    assert_refused_naming_them(db, STALE_CALLS[name])


def test_a_settings_save_must_give_the_version_of_every_changed_setting(db: Database) -> None:
    mine, _theirs = two_writers(db)
    with pytest.raises(TypeError, match="published_window_months"):
        st.save_settings(mine, {"partnership_name": "Northshire SCP", "published_window_months": 18},
                         expected={"partnership_name": 0})
    assert not st.get_settings(mine).is_configured


def test_the_conflict_names_the_setting_that_moved(db: Database) -> None:
    mine, theirs = two_writers(db)
    st.save_settings(theirs, {"contact_email": "scp@northshire.gov.uk"}, expected={"contact_email": 0})
    with pytest.raises(ConflictError) as raised:
        st.save_settings(mine, {"contact_email": "mine@northshire.gov.uk"}, expected={"contact_email": 0})
    assert raised.value.changed_by == "them" and "contact" in str(raised.value).lower()


def test_removing_a_closure_day_from_the_current_list_works_and_moves_its_version(db: Database) -> None:
    mine, theirs = two_writers(db)
    cl.add_closure(theirs, DAY, "Council closure")
    cl.add_closure(theirs, OTHER_DAY, "Training")
    seen = cl.list_closures(mine)[0].version
    cl.remove_closure(mine, DAY, seen)
    assert [(c.day, c.version > seen) for c in cl.list_closures(mine)] == [(OTHER_DAY, True)]
    with pytest.raises(ConflictError) as raised:  # the same, stale, screen removes again
        cl.remove_closure(mine, OTHER_DAY, seen)
    assert raised.value.changed_by == "me"
    assert [c.day for c in cl.list_closures(mine)] == [OTHER_DAY]


def test_two_saves_racing_inside_the_transaction_never_both_succeed(
        db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Them saves from another thread after my save has checked the versions, before it writes: one save
    wins and the other is refused (on a server the row lock makes them wait and then conflict), never a
    silent overwrite. Bounded: the other thread is given 10 s at most."""
    mine, theirs = two_writers(db)
    st.save_settings(mine, {"partnership_name": "Northshire SCP"}, expected={"partnership_name": 0})
    seen = st.settings_versions(mine)["partnership_name"]
    outcome: dict[str, object] = {}
    check = st._check_expected

    def theirs_save() -> None:
        try:
            st.save_settings(theirs, {"partnership_name": THEIRS}, expected={"partnership_name": seen})
            outcome["theirs"] = "saved"
        except ScpdeskError as exc:
            outcome["theirs"] = exc

    other = threading.Thread(target=theirs_save)

    def check_while_they_save(s: Any, expected: Any) -> None:
        check(s, expected)  # my check has passed: now they save
        if s.info.get("user") == "me" and not other.is_alive() and "theirs" not in outcome:
            other.start()
            other.join(timeout=0.5)  # on SQLite they commit now; on a server they wait for my row lock

    monkeypatch.setattr(st, "_check_expected", check_while_they_save)
    try:
        st.save_settings(mine, {"partnership_name": "My version"}, expected={"partnership_name": seen})
        outcome["mine"] = "saved"
    except ScpdeskError as exc:
        outcome["mine"] = exc
    other.join(timeout=10)
    assert not other.is_alive()
    saved = [who for who in ("mine", "theirs") if outcome[who] == "saved"]
    assert len(saved) == 1, outcome
    refused = outcome["theirs" if saved == ["mine"] else "mine"]
    assert isinstance(refused, ConflictError | StorageError), refused
    final = st.get_settings(mine).partnership_name
    assert final == ("My version" if saved == ["mine"] else THEIRS)


def test_the_settings_screen_never_pairs_a_value_with_a_newer_version(db: Database) -> None:
    """Them saves the partnership name after each query my settings screen makes while it opens: what it shows
    is a value with that value's own version. On a server each query sees the latest commits, so values read by
    one query and versions by the next showed their version over my old value, and my Save from that screen
    silently overwrote their name (found by the two-process contention test). Bounded: 10 s per save of theirs."""
    mine, theirs = two_writers(db)
    st.save_settings(mine, {"partnership_name": "Northshire SCP"}, expected={"partnership_name": 0})
    saved = {st.settings_versions(mine)["partnership_name"]: "Northshire SCP"}  # version → the name it holds
    reader = threading.get_ident()

    def theirs_save() -> None:
        name = f"{THEIRS} {len(saved)}"
        st.save_settings(theirs, {"partnership_name": name},
                         expected={"partnership_name": st.settings_versions(theirs)["partnership_name"]})
        saved[st.settings_versions(theirs)["partnership_name"]] = name

    def after_query(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if threading.get_ident() == reader and "organisation_setting" in statement:
            other = threading.Thread(target=theirs_save)
            other.start()
            other.join(timeout=10)
            assert not other.is_alive()

    event.listen(db.engine, "after_cursor_execute", after_query)
    try:
        snapshot = st.settings_snapshot(mine)
    finally:
        event.remove(db.engine, "after_cursor_execute", after_query)
    assert len(saved) > 1  # they saved while the screen was reading
    version = snapshot.versions["partnership_name"]
    assert saved[version] == snapshot.settings.partnership_name, (snapshot.settings.partnership_name, saved)
