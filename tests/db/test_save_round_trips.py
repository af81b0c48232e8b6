"""What a save from the window costs on the wire to a shared server (issue 12: "≤ 5 round trips per action"),
counted at a loopback proxy in front of the test PostgreSQL (tests/roundtrips.py counts as bench/latency.py
does: each burst the app sends after the server last spoke). Counts, never times. What a save must still do
— the version check naming who, the audit chain — is asserted beside each count."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from roundtrips import RoundTripProxy, round_trip_proxy
from sqlalchemy import select
from test_referral_screen import rich_referral

from scpdesk.errors import ConflictError
from scpdesk.models import Referral
from scpdesk.models.audit import verify_chain
from scpdesk.models.database import Database, open_database
from scpdesk.models.enums import Route
from scpdesk.services import ServiceContext
from scpdesk.services.referrals.referral_screen import ReferralScreen
from scpdesk.services.registry import Services

pytestmark = pytest.mark.postgres

TODAY = dt.date(2026, 11, 25)
#: No ping when a connection used in the last 30 s is checked out (models/database.py checks it without a round
#: trip; only one idle longer is pinged). Counts are upper bounds.
PING = 0
_NAMES = itertools.count(1)


@dataclass
class Wire:
    """The test server through the counting proxy, and the window's services on it."""

    proxy: RoundTripProxy
    db: Database
    services: Services

    def shown(self, reference: str, **parts: int) -> tuple[int, ReferralScreen]:
        """A new referral (``test_referral_screen.rich_referral``) and its screen as the window shows it."""
        rid = rich_referral(self.services.ctx, reference, **parts)
        return rid, self.services.referrals.screen(rid)


@pytest.fixture
def wire(request: pytest.FixtureRequest, pg_server: object, pg_template: str) -> Iterator[Wire]:
    name = f"scpdesk_rt{os.getpid()}_{next(_NAMES)}"
    url = pg_server.create_database(name, template=pg_template)  # type: ignore[attr-defined]
    with round_trip_proxy(url) as (proxy, proxied):
        db = open_database(proxied, user="tester")
        try:
            yield Wire(proxy, db, Services(ServiceContext(db, user="tester", today=lambda: TODAY)))
        finally:
            db.dispose()
    pg_server.drop_database(name)  # type: ignore[attr-defined]


class Spent(int):
    """A count of round trips that shows the start of each burst when an assertion on it fails."""

    bursts: list[bytes]

    def __repr__(self) -> str:
        return f"{int(self)} round trips: " + "\n".join(repr(b) for b in self.bursts)


def trips(proxy: RoundTripProxy, action: object) -> tuple[Spent, object]:
    before, first = proxy.turns, len(proxy.sent)
    result = action()  # type: ignore[operator]
    spent = Spent(proxy.turns - before)
    spent.bursts = proxy.sent[first:]
    return spent, result


def test_a_read_sends_its_begin_with_its_statement(wire: Wire) -> None:
    proxy, services = wire.proxy, wire.services
    rid, _ = wire.shown("RT-01", children=2, agencies=2, meetings=1, parts=2)  # the pool holds a connection

    def read() -> object:
        with services.ctx.read() as s:  # a transaction of one statement
            return s.execute(select(Referral.reference).where(Referral.id == rid)).scalar_one()

    spent, reference = trips(proxy, read)
    # BEGIN with the SELECT, ROLLBACK: 2 (3 when BEGIN waited for its own answer; one more with a ping).
    assert spent <= PING + 2, repr(spent)
    assert reference == "RT-01"


def test_a_referral_edit_costs_five_round_trips_and_still_checks_and_chains(wire: Wire) -> None:
    proxy, db, services = wire.proxy, wire.db, wire.services
    rid, shown = wire.shown("RT-02", children=3, agencies=4, meetings=2, parts=3)
    spent, changes = trips(proxy, lambda: services.referrals.update(rid, shown.version, summary="Edited over a VPN"))
    # BEGIN with the referral locked; the UPDATE; the audit rows linked to the chain head in one
    # INSERT, sent with the read of the screen it leaves; COMMIT. (Was 8: BEGIN, the chain head and the
    # INSERT each waited for their own answers.)
    assert spent <= PING + 4, repr(spent)
    fresh = changes.fresh_of(ReferralScreen)  # type: ignore[attr-defined]
    assert fresh is not None and fresh.detail.summary == "Edited over a VPN"
    assert fresh.history[-1].field == "summary" and fresh.history[-1].new_value == "Edited over a VPN"
    assert fresh.list_row().id == rid
    with pytest.raises(ConflictError) as clash:  # the version the user saw is still checked, and names who
        services.referrals.update(rid, shown.version, summary="From a stale form")
    assert clash.value.changed_by == "tester"
    with db.engine.connect() as conn:
        assert verify_chain(conn).ok


def test_a_workflow_step_costs_a_few_round_trips_and_stores_its_clock(wire: Wire) -> None:
    proxy, db, services = wire.proxy, wire.db, wire.services
    rid, shown = wire.shown("RT-03", children=1, agencies=2, meetings=0, parts=0)
    spent, changes = trips(proxy, lambda: services.workflow.screen(
        rid, shown.version, route=Route.LEARNING_REVIEW, screened_date=dt.date(2026, 10, 2), notes="QA&S"))
    # As an edit, plus the stored headline clock (services/referrals/next_due.py): computed from the clock inputs
    # the write's own screen read (with the settings and closure days), so only the store is one more.
    assert spent <= PING + 4 + 1, repr(spent)
    fresh = changes.fresh_of(ReferralScreen)  # type: ignore[attr-defined]
    assert fresh is not None and fresh.detail.route is Route.LEARNING_REVIEW
    row = next(r for r in services.referrals.list_rows() if r.id == rid)
    from dataclasses import replace

    assert replace(fresh.list_row(), open_clocks=()) == row  # the row the write returned is the list's row
    with db.engine.connect() as conn:
        assert verify_chain(conn).ok
    from scpdesk.services.referrals.next_due import refresh_next_due

    with services.ctx.unit_of_work() as s:  # what the commit stored is what the engine computes from scratch
        assert refresh_next_due(s, [rid], stale=False) == 0


def test_an_audit_row_the_server_refuses_fails_the_whole_save_and_the_connection_recovers(
        wire: Wire, monkeypatch: pytest.MonkeyPatch) -> None:
    """The audit rows are sent without waiting for their answer (it comes with the screen's read): a refusal
    still fails the save as a whole — nothing saved, the form told — and the next save on the pool works."""
    from scpdesk import errors
    from scpdesk.models import audit

    proxy, db, services = wire.proxy, wire.db, wire.services
    rid, shown = wire.shown("RT-04", children=1, agencies=1, meetings=0, parts=0)
    monkeypatch.setattr(audit, "_key", lambda obj: "x" * 200)  # longer than audit_event.entity_id allows
    with pytest.raises(errors.ScpdeskError):
        services.referrals.update(rid, shown.version, summary="Never saved")
    monkeypatch.undo()
    again = services.referrals.screen(rid)
    assert again.version == shown.version and again.detail.summary != "Never saved"
    spent, changes = trips(proxy, lambda: services.referrals.update(rid, again.version, summary="Saved"))
    assert spent <= PING + 4, repr(spent)
    assert services.referrals.screen(rid).detail.summary == "Saved"
    with db.engine.connect() as conn:
        assert verify_chain(conn).ok


def test_a_send_only_statement_that_fails_with_nothing_after_it_fails_the_commit(wire: Wire) -> None:
    """Nothing follows a send-only statement: its error comes with the COMMIT, as the database's error a unit
    of work explains (never a driver's raw exception, never a commit of half a transaction)."""
    from sqlalchemy import text

    from scpdesk import errors
    from scpdesk.models.pipeline import send_only

    ctx = wire.services.ctx
    with pytest.raises(errors.ScpdeskError), ctx.unit_of_work() as s:
        s.execute(text("SELECT 1"))
        send_only(s.connection())
        s.execute(text("SELECT 1 / 0"))
    with ctx.read() as s:  # the pooled connection is usable again, out of pipeline mode
        assert s.execute(text("SELECT 2")).scalar_one() == 2
