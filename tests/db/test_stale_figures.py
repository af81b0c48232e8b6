"""The figures' writes (issue 14): each writes a file and appends its EXPORT audit row, replacing nothing a user
saw, so none takes a version (``tests/db/test_every_write_checked.py`` reads these registries). What they write and
audit is proven in ``tests/db/test_figures_files.py``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

STALE_CALLS: dict[str, Callable[..., Any]] = {}

APPEND_ONLY: dict[str, str] = {
    "scpdesk.services.figures_files.export_figures_pdf": "writes a file and appends the export's audit row",
    "scpdesk.services.figures_files.export_figures_xlsx": "writes a file and appends the export's audit row",
    "scpdesk.services.figures_files.export_chart_png": "writes a file and appends the export's audit row",
    "scpdesk.services.figures_files.FigureFiles.pdf": "the UI facade over export_figures_pdf (a file and its audit "
                                                     "row)",
    "scpdesk.services.figures_files.FigureFiles.xlsx": "the UI facade over export_figures_xlsx (a file and its audit "
                                                      "row)",
    "scpdesk.services.figures_files.FigureFiles.chart_png": "the UI facade over export_chart_png (a file and its audit "
                                                           "row)",
}
