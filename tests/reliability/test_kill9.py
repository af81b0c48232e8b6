"""kill -9 during saves and during backups (20 rounds each, seeded): every acknowledged save is still there,
the file passes integrity_check, and no cut-short file is ever kept or counted as a backup."""

from __future__ import annotations

import datetime as dt
import os
import random
import select
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from storagekit import integrity, saved_references

from scpdesk.models import schema

pytestmark = pytest.mark.skipif(os.name != "posix", reason="kill -9 and fork are POSIX")
ROUNDS = 20
CHILD = Path(__file__).with_name("storage_child.py")


class Zygote:
    """One child process that imported scpdesk once; each command runs in a fresh fork of it."""

    def __init__(self, errors: Path) -> None:
        self.errors = errors
        with open(errors, "wb") as stderr:
            self.proc = subprocess.Popen([sys.executable, str(CHILD)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=stderr, text=True, bufsize=1)
        self.buffer = b""
        self.seen: list[str] = []

    def start(self, *command: str) -> int:
        assert self.proc.stdin is not None
        self.proc.stdin.write(" ".join(command) + "\n")
        self.proc.stdin.flush()
        kind, pid = self.line().split()
        assert kind == "pid"
        return int(pid)

    def line(self, timeout: float = 120) -> str:
        """The next line the worker (or the zygote) wrote; fails rather than hangs (the bound is generous: a
        loaded CI machine may take seconds over one fsync)."""
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while b"\n" not in self.buffer:
            if not select.select([fd], [], [], timeout)[0]:
                raise AssertionError(f"no answer from the child in {timeout} s: {self.errors.read_text()[-2000:]} "
                                     f"last lines: {self.seen[-12:]}")
            chunk = os.read(fd, 65536)
            if not chunk:
                raise AssertionError(f"the child process died: {self.errors.read_text()[-2000:]}")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        text = line.decode().strip()
        self.seen.append(text)
        if text == "exit" and self.errors.read_text().strip():
            raise AssertionError(f"the worker failed: {self.errors.read_text()[-2000:]}")
        return text

    def kill_and_drain(self, pid: int) -> list[str]:
        """kill -9 the worker, then every line it wrote before it died (up to the zygote's ``exit``)."""
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # it had already finished (and been reaped)
        lines = []
        while (line := self.line()) != "exit":
            lines.append(line)
        return lines

    def close(self) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.proc.stdout.close()


@pytest.fixture
def zygote(tmp_path: Path) -> Iterator[Zygote]:
    child = Zygote(tmp_path / "child-errors.txt")
    yield child
    child.close()


@pytest.fixture
def db_file(tmp_path: Path, sqlite_template: Path) -> Path:
    path = tmp_path / "data" / "scpdesk.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(sqlite_template, path)
    return path


def test_kill_9_during_saves_loses_no_acknowledged_save(zygote: Zygote, db_file: Path) -> None:
    rng = random.Random(20261202)
    acknowledged: set[str] = set()
    tried = 0
    for round_ in range(ROUNDS):
        pid = zygote.start("save", str(db_file), f"K{round_}")
        wanted = rng.randint(1, 12)
        lines = [zygote.line() for _ in range(wanted)]
        # A seeded number of further saves' worth of busy-waiting, so the kill lands at varied points of a save
        # (the invariant holds wherever it lands; the seed only varies where).
        spin = rng.randint(0, 200_000)
        while spin:
            spin -= 1
        lines += zygote.kill_and_drain(pid)
        round_acks = {line.split()[1] for line in lines if line.startswith("ack ")}
        tried += len(round_acks) + 1  # the save in flight when the kill landed
        acknowledged |= round_acks
        assert acknowledged <= saved_references(db_file), f"round {round_}: acknowledged saves lost"
        assert integrity(db_file) == "ok"
    lost = len(acknowledged - saved_references(db_file))
    print(f"\nkill -9 during saves: {ROUNDS} rounds, {tried} saves tried, {len(acknowledged)} acknowledged, "
          f"{lost} lost")
    assert lost == 0 and len(acknowledged) >= ROUNDS


def test_kill_9_during_backups_never_keeps_a_partial_file(zygote: Zygote, db_file: Path, tmp_path: Path) -> None:
    rng = random.Random(9)
    backups = tmp_path / "data" / "backups"
    start_day = dt.date(2026, 1, 5)
    pid = zygote.start("backup", str(db_file), str(backups), start_day.isoformat())
    lines = []
    while (line := zygote.line()) == "step":
        lines.append(line)
    assert line.startswith("done")
    steps = lines.count("step")
    assert steps >= 10 and zygote.line() == "exit"  # enough steps that a kill lands inside the copy
    cut_short = must_be_cut = 0
    for round_ in range(1, ROUNDS + 1):
        day = start_day + dt.timedelta(days=round_)
        pid = zygote.start("backup", str(db_file), str(backups), day.isoformat())
        # Killed after step k < steps, the copy cannot have finished; after the last step it is being
        # verified or renamed, or is done: the invariant must hold wherever the kill lands.
        kill_after = rng.randint(1, steps)
        must_be_cut += kill_after < steps
        seen = 0
        line = ""
        while seen < kill_after and (line := zygote.line()) == "step":
            seen += 1
        assert line != "exit", f"round {round_}: the backup ended early: {zygote.errors.read_text()[-2000:]}"
        zygote.kill_and_drain(pid)
        name = f"scpdesk-daily-{day:%Y-%m-%d}.sqlite3"
        if not (backups / name).exists():
            cut_short += 1
            assert any(p.name.startswith(f".{name}.") for p in backups.iterdir()), "the kill missed the copy"
        for listed in schema.list_backups(backups, "scpdesk"):  # what a start or the restore dialog offers
            assert schema.verify_backup(listed.path).counts["theme"] == 19, listed.path.name
        # The next start (same day) cleans up and produces a good backup.
        pid = zygote.start("backup", str(db_file), str(backups), day.isoformat())
        while (line := zygote.line()) == "step":
            pass
        assert line.startswith("done") and zygote.line() == "exit", f"round {round_}: the next start failed"
        assert schema.verify_backup(backups / name).revision == schema.HEAD_REVISION
        assert not [p.name for p in backups.iterdir() if "partial" in p.name]
    daily = sorted(p.name for p in backups.glob("scpdesk-daily-*.sqlite3"))
    assert len(daily) == 14  # keep-newest-14, all whole
    print(f"\nkill -9 during backups: {ROUNDS} rounds, {cut_short} killed inside the copy, "
          f"{ROUNDS - cut_short} after it; partial files kept or counted: 0")
    assert cut_short >= must_be_cut > ROUNDS // 2
    assert integrity(db_file) == "ok"
