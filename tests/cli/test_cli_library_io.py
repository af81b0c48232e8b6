"""``scpdesk import reviews`` and ``scpdesk export reviews|actions``: messages, exit codes, files."""

from __future__ import annotations

import argparse
import codecs
import csv
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import sheets
from pypdf import PdfReader

from scpdesk.cli import EXIT_OK, EXIT_USAGE, main
from scpdesk.commands import library_io
from scpdesk.models.database import open_database
from scpdesk.models.enums import ActionStatus
from scpdesk.services import ServiceContext
from scpdesk.services.library.actions import ACTION_COLUMNS, ActionInput, add_action, add_recommendation, find_review
from scpdesk.services.library.review_io import EXPORT_COLUMNS, IMPORT_COLUMNS

ROWS = [
    ["NSCP-CR-2025-01", "Child N", "lcspr", "Northshire SCP", "2025-03-03", "neglect; Safer sleep",
     "=HYPERLINK(\"http://x\")", "https://example.org/n"],
    ["NSCP-CR-2025-02", "Family B", "plr", "", "", "", "ŵ ŷ 👶", ""],
]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    return sheets.write_csv(path, IMPORT_COLUMNS, rows)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], sqlite_db_url: str, tmp_path: Path):
    home = tmp_path / "home"

    def call(*args: str) -> tuple[int, str, str]:
        return run(capsys, "--data-dir", str(home), "--database", sqlite_db_url, *args)

    return call


@pytest.fixture
def with_actions(cli, sqlite_db_url: str, tmp_path: Path) -> None:
    assert cli("import", "reviews", str(write_csv(tmp_path / "in.csv", ROWS)))[0] == EXIT_OK
    db = open_database(sqlite_db_url, user="tester")
    try:
        ctx = ServiceContext(db, user="tester", today=lambda: dt.date(2026, 1, 20))
        rec, _ = add_recommendation(ctx, find_review(ctx, "NSCP-CR-2025-01"), "Improve safer sleep advice")
        add_action(ctx, rec, ActionInput(description="Train staff", due_date=dt.date(2020, 1, 6)))
        add_action(ctx, rec, ActionInput(description="=cmd", due_date=dt.date(2020, 1, 6),
                                         status=ActionStatus.COMPLETE, completed_date=dt.date(2020, 1, 2)))
    finally:
        db.dispose()


def test_import_reports_what_it_added(cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "reviews.csv", ROWS)
    code, out, err = cli("import", "reviews", str(path))
    assert code == EXIT_OK, err
    assert out.splitlines() == [f"Imported 2 reviews from {path}.", "New themes added: Safer sleep."]


def test_a_bad_file_lists_every_row_and_imports_nothing(cli, tmp_path: Path) -> None:
    rows = [ROWS[0], [ROWS[1][0], "", "rapid", *ROWS[1][3:]], [ROWS[1][0], "Child M", "plr", "", "12/19/2025",
                                                              "", "", "ftp://x"]]
    code, out, err = cli("import", "reviews", str(write_csv(tmp_path / "bad.csv", rows)))
    assert code == EXIT_USAGE and out == ""
    assert err.splitlines() == [
        "row 3: title: enter the review's title, e.g. Child N",
        'row 3: review_type: "rapid" is not a review type; use lcspr, learning_summary, plr, thematic or joint',
        'row 4: published: "12/19/2025" looks like a US date (month/day); use 19/12/2025 or 2025-12-19',
        "row 4: url: give a web address starting http:// or https:// (or leave it blank)",
        "row 4: reference: NSCP-CR-2025-02 is also used in row 3; each review needs its own reference",
        "Nothing was imported.",
    ]
    code, out, _ = cli("export", "reviews", "-o", str(tmp_path / "after.csv"))
    assert code == EXIT_OK and out.startswith("Exported 0 reviews")


def test_a_file_that_is_not_a_review_list_is_refused(cli, tmp_path: Path) -> None:
    path = tmp_path / "garbage.csv"
    path.write_bytes(bytes(range(256)) * 4)
    code, _, err = cli("import", "reviews", str(path))
    assert code == EXIT_USAGE and "save it as CSV UTF-8" in err and err.endswith("Nothing was imported.\n")
    code, _, err = cli("import", "reviews", str(tmp_path / "missing.csv"))
    assert code == EXIT_USAGE and "was not found" in err


def test_export_reviews_as_csv_and_xlsx(cli, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli("import", "reviews", str(write_csv(tmp_path / "in.csv", ROWS)))[0] == EXIT_OK
    out_csv = tmp_path / "out.csv"
    code, out, err = cli("export", "reviews", "-o", str(out_csv))
    assert code == EXIT_OK, err
    assert out == f"Exported 2 reviews to {out_csv}.\n"
    raw = out_csv.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) and b"'=HYPERLINK" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(EXPORT_COLUMNS) and len(rows) == 3
    out_xlsx = tmp_path / "out.xlsx"
    code, out, _ = cli("export", "reviews", "--format", "xlsx", "-o", str(out_xlsx))
    assert code == EXIT_OK and out == f"Exported 2 reviews to {out_xlsx}.\n"
    sheet = openpyxl.load_workbook(out_xlsx).active
    assert [c.value for c in sheet[1]] == list(EXPORT_COLUMNS)
    assert {c.data_type for c in sheet["G"][1:]} == {"s"}
    # The exported file imports again into another, empty database (the local one of another data folder).
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "other-home"), "import", "reviews", str(out_xlsx))
    assert code == EXIT_OK and out.startswith("Imported 2 reviews"), err


@pytest.mark.usefixtures("with_actions")
def test_export_actions_in_each_format(cli, tmp_path: Path) -> None:
    # README: "every open action". Open is the default; --all adds the completed ones.
    out_csv = tmp_path / "actions.csv"
    code, out, err = cli("export", "actions", "-o", str(out_csv))
    assert code == EXIT_OK, err
    assert out == f"Exported 1 action to {out_csv}.\n"
    rows = list(csv.reader(io.StringIO(out_csv.read_bytes().decode("utf-8-sig"), newline="")))
    assert rows[0] == list(ACTION_COLUMNS)
    assert [(r[5], r[10]) for r in rows[1:]] == [("Train staff", "overdue")]
    code, out, err = cli("export", "actions", "--all", "-o", str(out_csv))
    assert code == EXIT_OK and out == f"Exported 2 actions to {out_csv}.\n", err
    rows = list(csv.reader(io.StringIO(out_csv.read_bytes().decode("utf-8-sig"), newline="")))
    assert [(r[5], r[10]) for r in rows[1:]] == [("Train staff", "overdue"), ("'=cmd", "complete")]
    code, out, _ = cli("export", "actions", "--open", "--format", "xlsx", "-o", str(tmp_path / "open.xlsx"))
    assert code == EXIT_OK and out.startswith("Exported 1 action to")
    sheet = openpyxl.load_workbook(tmp_path / "open.xlsx").active
    assert [c.value for c in sheet[2]][5] == "Train staff"
    pdf = tmp_path / "plan.pdf"
    code, out, err = cli("export", "actions", "--review", "nscp-cr-2025-01", "--all", "-o", str(pdf))
    assert code == EXIT_OK, err
    assert out == f"Exported 2 actions to {pdf}.\n"
    text = PdfReader(pdf).pages[0].extract_text()
    assert "OFFICIAL" in text and "Page 1 of 1" in text and "OVERDUE" in text and "Action plan: Child N" in text
    code, out, err = cli("export", "actions", "--review", "nscp-cr-2025-01", "-o", str(pdf))
    assert code == EXIT_OK and out == f"Exported 1 action to {pdf}.\n", err
    code, _, err = cli("export", "actions", "--review", "NOPE", "-o", str(tmp_path / "x.csv"))
    assert code == EXIT_USAGE and "no review NOPE was found" in err


@pytest.mark.parametrize(("what", "args", "message"), [
    ("reviews", ("--format", "json", "-o", "out.json"), "choose csv or xlsx, not json"),
    ("reviews", ("-o", "out.pdf"), "choose csv or xlsx, not pdf"),
    ("reviews", ("--format", "csv", "-o", "out.xlsx"), "ends in .xlsx but the format is csv"),
    ("actions", ("-o", "out.txt"), "choose csv, xlsx or pdf, not txt"),
    ("actions", ("--format", "pdf", "-o", "out.csv"), "ends in .csv but the format is pdf"),
])
def test_export_refuses_an_unknown_format(cli, tmp_path: Path, what: str, args: tuple[str, ...],
                                          message: str) -> None:
    args = tuple(str(tmp_path / a) if a.startswith("out.") else a for a in args)
    code, out, err = cli("export", what, *args)
    assert code == EXIT_USAGE and message in err and out == ""
    assert not list(tmp_path.glob("out.*"))


def test_referral_commands_are_left_to_the_built_in_handler(cli, tmp_path: Path) -> None:
    for args in (argparse.Namespace(command="export", export_what="referrals"),
                 argparse.Namespace(command="import", import_what="referrals"),
                 argparse.Namespace(command="deadlines")):
        assert library_io.run(args, services=None) is None
    code, out, _ = cli("export", "referrals", "-o", str(tmp_path / "referrals.csv"))
    assert code == EXIT_OK and out.startswith("Exported 0 referrals")


def test_the_library_commands_never_load_qt(tmp_path: Path) -> None:
    code = ("import sys, scpdesk.cli, scpdesk.commands.library_io, scpdesk.services.library.review_io, "
            "scpdesk.services.library.actions; sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)")
    env = {**os.environ, "SCPDESK_HOME": str(tmp_path)}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0
