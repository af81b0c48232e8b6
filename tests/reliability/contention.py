"""Two-writer contention harness (issue 9, VERSIONS.md point 5).

Two OS processes (multiprocessing "spawn") save the same record at the same time, each as a user would:
read the record and the version shown, append a unique token to a text field, save with that version, and on
a ConflictError (or a busy database) read again and retry. A save is *acknowledged* when the service returned.
When both are done, every acknowledged token must be in the final value; one that is missing is a save that
was acknowledged and then silently overwritten: *lost*.

A kind of record is three functions (``Kind``): ``prepare`` builds the record (in the parent, before the
processes start) and returns a picklable key; ``read`` returns what a form would show (``Seen``: the version
it would save against, the text of the field, and the DTO it came from); ``write`` saves a new text for the
field with the version seen. An append-only kind (a new safety action per save) reads no version and writes
the token as a new record; its text is all the records' texts joined. To add a kind, add it to ``KINDS`` (or
to a ``KINDS`` dict in another module and pass ``module=`` to ``run``): the spawned processes look kinds up by
name, so they must live at module level in an importable module.

Run by hand: ``python tests/reliability/contention.py URL [SAVES]`` prints tried/acknowledged/lost per kind.
"""

from __future__ import annotations

import datetime as dt
import importlib
import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

_TESTS = str(Path(__file__).resolve().parents[1])
if _TESTS not in sys.path:  # run by hand, or imported by a spawned process: the shared test records
    sys.path.insert(0, _TESTS)

from records import RR_START, Setup, context, meeting, referral, setup  # noqa: E402

from scpdesk.errors import ConflictError, StorageError  # noqa: E402
from scpdesk.models.enums import Partner  # noqa: E402
from scpdesk.services import ServiceContext  # noqa: E402
from scpdesk.services.panel.meetings import ActionInput, MeetingService  # noqa: E402
from scpdesk.services.referrals.referrals import ReferralService  # noqa: E402
from scpdesk.services.referrals.workflow import WorkflowService  # noqa: E402

#: How often one save is retried after a conflict or a busy database before the process gives it up.
MAX_ATTEMPTS = 200
#: The whole run is abandoned (and fails) after this many seconds.
TIMEOUT_S = 240.0


@dataclass(frozen=True)
class Seen:
    """What a form shows: the version it will save against (None: an append), the field's text, the DTO."""

    version: Any
    text: str
    shown: Any = None


@dataclass(frozen=True)
class Kind:
    name: str
    field: str
    prepare: Callable[[ServiceContext, Setup, str], Any]
    read: Callable[[ServiceContext, Any], Seen]
    write: Callable[[ServiceContext, Any, Seen, str, str], object]
    #: The field's length limit: fewer saves are made so every token fits.
    max_chars: int | None = None


@dataclass
class Tally:
    kind: str
    tried: int = 0
    acknowledged: list[str] = field(default_factory=list)
    conflicts: int = 0
    busy: int = 0
    gave_up: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class Result:
    kind: str
    field: str
    tried: int
    acknowledged: int
    lost: tuple[str, ...]
    conflicts: int
    busy: int
    gave_up: int
    seconds: float

    def line(self) -> str:
        return (f"{self.kind:<22} {self.field:<22} tried {self.tried:>4}  acknowledged {self.acknowledged:>4}  "
                f"lost {len(self.lost):>3}  conflicts retried {self.conflicts:>4}  busy retried {self.busy:>3}  "
                f"gave up {self.gave_up}  {self.seconds:.1f} s")


def lost_tokens(final_text: str, acknowledged: Iterable[str]) -> tuple[str, ...]:
    """The acknowledged tokens missing from the final value (tokens are whitespace-separated words)."""
    present = set(final_text.split())
    return tuple(t for t in acknowledged if t not in present)


def appended(text: str, token: str) -> str:
    return f"{text} {token}".strip()


# The kinds --------------------------------------------------------------------------------------------------

def _referral_version(ctx: ServiceContext, rid: int) -> int:
    return ReferralService(ctx).get(rid).version


def _rapid_review(ctx: ServiceContext, world: Setup, ref: str) -> int:
    return referral(ctx, world, "rapid_review", ref)


def _rr_seen(ctx: ServiceContext, rid: int, text: Callable[[Any], str]) -> Seen:
    # The referral (and its version) first, then the rapid review, as the panel loads them: text newer than the
    # version can only cause a conflict, never an overwrite.
    version = _referral_version(ctx, rid)
    rr = WorkflowService(ctx).rapid_review(rid)
    return Seen(version, text(rr), rr)


def _item(ctx: ServiceContext, key: tuple[int, int]) -> Any:
    return next(i for i in MeetingService(ctx).get(key[0]).items if i.id == key[1])


def _meeting_item(ctx: ServiceContext, world: Setup, ref: str) -> tuple[int, int]:
    records = meeting(ctx, world)
    return records.meeting_id, records.item_id


def _meeting_action(ctx: ServiceContext, world: Setup, ref: str) -> tuple[int, int, int]:
    records = meeting(ctx, world)
    return records.meeting_id, records.item_id, records.action_id


def _action(ctx: ServiceContext, key: tuple[int, int, int]) -> Any:
    return next(a for a in _item(ctx, key[:2]).actions if a.id == key[2])


def _safety_actions(ctx: ServiceContext, rid: int) -> Seen:
    rr = WorkflowService(ctx).rapid_review(rid)
    return Seen(None, " ".join(a.description for a in rr.safety_actions), rr)


KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Kind("referral edit", "summary",
         lambda ctx, world, ref: referral(ctx, world, "received", ref),
         lambda ctx, rid: (lambda d: Seen(d.version, d.summary, d))(ReferralService(ctx).get(rid)),
         lambda ctx, rid, seen, text, token: ReferralService(ctx).update(rid, seen.version, summary=text)),
    Kind("rapid review learning", "strengths", _rapid_review,
         lambda ctx, rid: _rr_seen(ctx, rid, lambda rr: rr.strengths),
         lambda ctx, rid, seen, text, token: WorkflowService(ctx).record_learning(
             rid, seen.version, strengths=text, emerging_learning=seen.shown.emerging_learning, theme_ids=[])),
    Kind("agency summary", "notes",
         lambda ctx, world, ref: (_rapid_review(ctx, world, ref), world.agencies["la"]),
         lambda ctx, key: _rr_seen(ctx, key[0], lambda rr: next(s.notes for s in rr.summaries
                                                                if s.agency_id == key[1])),
         lambda ctx, key, seen, text, token: WorkflowService(ctx).record_summary(
             key[0], seen.version, agency_id=key[1], received_date=RR_START + dt.timedelta(days=7), notes=text)),
    Kind("sign-off", "name", _rapid_review,
         lambda ctx, rid: _rr_seen(ctx, rid, lambda rr: next((s.name for s in rr.signoffs
                                                              if s.partner is Partner.LA), "")),
         lambda ctx, rid, seen, text, token: WorkflowService(ctx).sign_off(
             rid, seen.version, partner=Partner.LA, name=text, signed_date=RR_START + dt.timedelta(days=7)),
         max_chars=200),
    Kind("safety action", "description (append)", _rapid_review, _safety_actions,
         lambda ctx, rid, seen, text, token: WorkflowService(ctx).add_safety_action(
             rid, description=token, owner_agency_id=None, due_date=None)),
    Kind("meeting details", "notes",
         lambda ctx, world, ref: meeting(ctx, world).meeting_id,
         lambda ctx, mid: (lambda d: Seen(d.version, d.notes, d))(MeetingService(ctx).get(mid)),
         lambda ctx, mid, seen, text, token: MeetingService(ctx).update(
             mid, seen.version, replace(seen.shown.as_edit(), notes=text))),
    Kind("agenda item", "questions", _meeting_item,
         lambda ctx, key: (lambda i: Seen(i.version, i.questions, i))(_item(ctx, key)),
         lambda ctx, key, seen, text, token: MeetingService(ctx).update_item(
             key[1], seen.version, replace(seen.shown.as_edit(), questions=text))),
    Kind("minutes", "minutes", _meeting_item,
         lambda ctx, key: (lambda i: Seen(i.version, i.minutes, i))(_item(ctx, key)),
         lambda ctx, key, seen, text, token: MeetingService(ctx).record_minutes(key[1], seen.version, minutes=text)),
    Kind("meeting action", "description", _meeting_action,
         lambda ctx, key: (lambda a: Seen(a.version, a.description, a))(_action(ctx, key)),
         lambda ctx, key, seen, text, token: MeetingService(ctx).update_action(
             key[2], seen.version, ActionInput(text, seen.shown.owner_person_id, seen.shown.due_date,
                                               seen.shown.done_date))),
)}


# The processes ----------------------------------------------------------------------------------------------

def _kind(module: str, name: str) -> Kind:
    return importlib.import_module(module).KINDS[name]


def save_once(ctx: ServiceContext, kind: Kind, key: Any, token: str, tally: Tally) -> None:
    """One user's save: read, append the token, save with the version read; retry on a conflict or busy."""
    tally.tried += 1
    for _attempt in range(MAX_ATTEMPTS):
        seen = kind.read(ctx, key)
        try:
            kind.write(ctx, key, seen, appended(seen.text, token), token)
        except ConflictError:
            tally.conflicts += 1
            continue
        except StorageError:  # busy (SQLite's lock), reported to the user as a failed save: not acknowledged
            tally.busy += 1
            time.sleep(0.005)
            continue
        tally.acknowledged.append(token)
        return
    tally.gave_up += 1


def _worker(url: str, module: str, plan: list[tuple[str, Any, int]], tag: str, barrier: Any, out: Any) -> None:
    from scpdesk.models.database import open_database

    db = open_database(url, create_dir=False)
    ctx = context(db, f"writer.{tag}")
    tallies = []
    try:
        for name, key, saves in plan:
            kind = _kind(module, name)
            tally = Tally(name)
            barrier.wait()  # both writers start each kind together
            started = time.monotonic()
            for i in range(saves):
                save_once(ctx, kind, key, f"{tag}{i:x}", tally)
            tally.seconds = time.monotonic() - started
            tallies.append(tally)
        out.put((tag, tallies, None))
    except BaseException as exc:  # reported to the parent, which fails the run
        out.put((tag, tallies, repr(exc)))
    finally:
        db.dispose()


def saves_for(kind: Kind, saves: int, writers: int = 2) -> int:
    """Saves per process: ``saves``, or fewer when the field's length limit could not hold every token."""
    if kind.max_chars is None:
        return saves
    token = len(f"A{saves:x} ")
    return min(saves, kind.max_chars // (token * writers))


def run(url: str, kinds: Iterable[str] | None = None, *, saves: int = 100, module: str = __name__,
        timeout: float = TIMEOUT_S) -> list[Result]:
    """Prepare each kind's record, then let two spawned processes contend on each kind in turn."""
    from scpdesk.models.database import open_database

    module = "contention" if module == "__main__" else module
    names = list(kinds) if kinds is not None else list(_kind_table(module))
    db = open_database(url, create_dir=False)
    try:
        ctx = context(db, "setup")
        world = setup(ctx)
        plan = [(name, _kind(module, name).prepare(ctx, world, f"NSCP-C-{n:03d}"),
                 saves_for(_kind(module, name), saves)) for n, name in enumerate(names)]
    finally:
        db.dispose()
    spawn = multiprocessing.get_context("spawn")
    barrier, out = spawn.Barrier(2, timeout=timeout), spawn.Queue()
    processes = [spawn.Process(target=_worker, args=(url, module, plan, tag, barrier, out), daemon=True)
                 for tag in ("A", "B")]
    for p in processes:
        p.start()
    reports: dict[str, list[Tally]] = {}
    try:
        for _ in processes:
            tag, tallies, error = out.get(timeout=timeout)
            if error is not None:
                raise RuntimeError(f"writer {tag} failed: {error}")
            reports[tag] = tallies
    finally:
        for p in processes:
            p.join(timeout=10)
            if p.is_alive():
                p.kill()
                p.join()
    db = open_database(url, create_dir=False)
    try:
        ctx = context(db, "checker")
        results = []
        for i, (name, key, _saves) in enumerate(plan):
            kind = _kind(module, name)
            acked = [t for tag in sorted(reports) for t in reports[tag][i].acknowledged]
            tallies = [reports[tag][i] for tag in sorted(reports)]
            results.append(Result(name, kind.field, sum(t.tried for t in tallies), len(acked),
                                  lost_tokens(kind.read(ctx, key).text, acked), sum(t.conflicts for t in tallies),
                                  sum(t.busy for t in tallies), sum(t.gave_up for t in tallies),
                                  max(t.seconds for t in tallies)))
        return results
    finally:
        db.dispose()


def _kind_table(module: str) -> dict[str, Kind]:
    return importlib.import_module(module).KINDS


# For the tests ----------------------------------------------------------------------------------------------

def contend(request: Any, tmp_path_factory: Any, *, saves: int, module: str = __name__) -> dict[str, Result]:
    """What a test file's module-scoped fixture does (``request.param`` is "sqlite" or "postgresql"): a fresh
    migrated database of its own, every kind of ``module`` contended on it, the counts printed (``-s``)."""
    from scpdesk.paths import sqlite_url

    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("contention") / "scpdesk.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        url = sqlite_url(path)
    else:
        server, name = request.getfixturevalue("pg_server"), f"scpdesk_{module}"
        url = server.create_database(name, template=request.getfixturevalue("pg_template"))
        request.addfinalizer(lambda: server.drop_database(name))
    results = run(url, saves=saves, module=module)
    print(f"\n{request.param}: two writers, {saves} saves each per kind ({module})")
    for result in results:
        print("  " + result.line())
    return {r.kind: r for r in results}


def assert_none_lost(backend: str, result: Result, kind: Kind, saves: int) -> None:
    """Every save ended acknowledged (or, after MAX_ATTEMPTS clashes, refused), and none acknowledged is lost."""
    assert result.lost == (), f"{backend}: {result.line()}; lost {result.lost}"
    assert result.tried == 2 * saves_for(kind, saves) > 0, result.line()
    assert result.acknowledged + result.gave_up == result.tried, result.line()
    assert result.acknowledged > 0, result.line()


if __name__ == "__main__":  # pragma: no cover - run by hand for the report
    url_arg = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else int(os.environ.get("CONTENTION_SAVES", "100"))
    for result in run(url_arg, saves=count):
        print(result.line())
