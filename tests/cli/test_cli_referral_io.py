"""``scpdesk import referrals`` and ``scpdesk export referrals``: messages, exit codes, files."""

from __future__ import annotations

import codecs
import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import sheets

from scpdesk.cli import EXIT_OK, EXIT_USAGE, main
from scpdesk.services.referrals.referral_io import EXPORT_COLUMNS, IMPORT_COLUMNS

ROWS = [
    ["NSCP-2025-101", "2025-12-22", "Northshire Police", "Child N", "2025-12-18", "19/12/2025", "",
     "rapid_review", "=HYPERLINK(\"http://x\")"],
    ["NSCP-2025-102", "23/12/2025", "Northshire Council", "Child M", "", "", "", "learning_review", "ŵ ŷ 👶"],
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


def test_import_reports_what_it_added(cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "referrals.csv", ROWS)
    code, out, err = cli("import", "referrals", str(path))
    assert code == EXIT_OK, err
    assert out.splitlines() == [
        f"Imported 2 referrals from {path}.",
        "New agencies added (kind: other): Northshire Police, Northshire Council.",
    ]


def test_a_bad_file_lists_every_row_and_imports_nothing(cli, tmp_path: Path) -> None:
    rows = [ROWS[0], [*ROWS[1][:1], "", *ROWS[1][2:]], [*ROWS[1][:1], "12/19/2025", *ROWS[1][2:]]]
    code, out, err = cli("import", "referrals", str(write_csv(tmp_path / "bad.csv", rows)))
    assert code == EXIT_USAGE and out == ""
    lines = err.splitlines()
    assert lines[0] == "row 3: received_date: enter the date the referral was received"
    assert lines[1].startswith("row 4: received_date: \"12/19/2025\" looks like a US date (month/day)")
    assert lines[2].startswith("row 4: reference: NSCP-2025-102 is also used in row 3")
    assert lines[-1] == "Nothing was imported."
    code, out, _ = cli("export", "referrals", "-o", str(tmp_path / "after.csv"))
    assert code == EXIT_OK and out.startswith("Exported 0 referrals")


def test_a_file_that_is_not_a_referral_list_is_refused(cli, tmp_path: Path) -> None:
    path = tmp_path / "garbage.csv"
    path.write_bytes(bytes(range(256)) * 4)
    code, _, err = cli("import", "referrals", str(path))
    assert code == EXIT_USAGE and "save it as CSV UTF-8" in err and err.endswith("Nothing was imported.\n")


def test_export_csv_and_xlsx(cli, tmp_path: Path) -> None:
    assert cli("import", "referrals", str(write_csv(tmp_path / "in.csv", ROWS)))[0] == EXIT_OK
    out_csv = tmp_path / "out.csv"
    code, out, err = cli("export", "referrals", "-o", str(out_csv))  # format from the extension
    assert code == EXIT_OK, err
    assert out == f"Exported 2 referrals to {out_csv}.\n"
    raw = out_csv.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) and b"'=HYPERLINK" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(EXPORT_COLUMNS) and len(rows) == 3
    out_xlsx = tmp_path / "out.xlsx"
    code, out, _ = cli("export", "referrals", "--format", "xlsx", "-o", str(out_xlsx))
    assert code == EXIT_OK and out == f"Exported 2 referrals to {out_xlsx}.\n"
    sheet = openpyxl.load_workbook(out_xlsx).active
    assert [c.value for c in sheet[1]] == list(EXPORT_COLUMNS)
    assert {c.data_type for c in sheet["I"][1:]} == {"s"}
    code, out, _ = cli("export", "referrals", "--format", "CSV", "-o", str(tmp_path / "no-extension"))
    assert code == EXIT_OK and (tmp_path / "no-extension").read_bytes().startswith(codecs.BOM_UTF8)


@pytest.mark.parametrize(("args", "message"), [
    (("--format", "json", "-o", "out.json"), "choose csv or xlsx, not json"),
    (("-o", "out.txt"), "choose csv or xlsx, not txt"),
    (("--format", "csv", "-o", "out.xlsx"), "ends in .xlsx but the format is csv"),
])
def test_export_refuses_an_unknown_format(cli, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    args = tuple(str(tmp_path / a) if a.startswith("out.") else a for a in args)
    code, out, err = cli("export", "referrals", *args)
    assert code == EXIT_USAGE and message in err and out == ""
    assert not list(tmp_path.glob("out.*"))


def test_import_and_export_never_load_qt(tmp_path: Path) -> None:
    code = ("import sys, scpdesk.cli, scpdesk.services.referrals.referral_io; "
            "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)")
    env = {**os.environ, "SCPDESK_HOME": str(tmp_path)}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0
