"""Child processes for the kill -9 tests (not a test module). Run as ``python storage_child.py``: a zygote that
imports scpdesk once, then for each command read from stdin forks a worker that writes its own pid first and
then one line per acknowledged step, until it is killed; the zygote reaps it and writes ``exit``.

Commands:
  ``save DB PREFIX``        — ReferralService.create in a loop; prints ``ack REFERENCE`` after each commit.
  ``backup DB BACKUPS DAY`` — the start-up path (schema.prepare → daily backup for DAY, an ISO date); prints
                             ``step`` after each 4-page step of SQLite's online backup, then ``done PATH``.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for storagekit

from storagekit import open_services_at, save

from scpdesk.models import schema
from scpdesk.models.database import open_database
from scpdesk.paths import sqlite_url


def say(*words: object) -> None:
    """One line in one write(2) (atomic on a pipe): print() writes the text and the newline separately, so a
    kill between the two left "step" without its newline and the reader waited for a line that never ended."""
    os.write(1, (" ".join(map(str, words)) + "\n").encode())


class SteppedConnection(sqlite3.Connection):
    """The same online backup, copied a few pages at a time with a line per step, so that a kill can land
    at a chosen point inside the copy rather than at a lucky moment."""

    def backup(self, target, *, pages=-1, progress=None, name="main", sleep=0.0):  # type: ignore[override]
        def step(status: int, remaining: int, total: int) -> None:
            say("step")

        super().backup(target, pages=4, progress=step, name=name, sleep=0)


def _save_loop(db: Path, prefix: str) -> None:
    services = open_services_at(db)
    for i in range(1_000_000):
        reference = f"{prefix}-{i}"
        save(services, reference)
        say("ack", reference)


def _backup(db: Path, backups: Path, day: str) -> None:
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("factory", SteppedConnection)
        return real_connect(*args, **kwargs)

    sqlite3.connect = connect  # type: ignore[assignment]
    database = open_database(sqlite_url(db))
    result = schema.prepare(database, backup_dir=backups, today=dt.date.fromisoformat(day))
    database.dispose()
    say("done", result.backup)


def main() -> None:
    for line in sys.stdin:
        command, *args = line.split()
        pid = os.fork()
        if pid == 0:
            say("pid", os.getpid())
            try:
                if command == "save":
                    _save_loop(Path(args[0]), args[1])
                else:
                    _backup(Path(args[0]), Path(args[1]), args[2])
            except BaseException:  # os._exit below would swallow it: the test reads this file
                import traceback

                traceback.print_exc()
                sys.stderr.flush()
            finally:
                sys.stdout.flush()
                os._exit(0)
        os.waitpid(pid, 0)
        say("exit")


if __name__ == "__main__":
    main()
