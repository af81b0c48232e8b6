"""The days tests run on. Every test runs with the application's clock pinned (tests/conftest.py), on
TEST_TODAY unless it moves the clock; the date-sensitive tests also run on each of AWKWARD_DAYS.

``SCPDESK_TEST_TODAY=YYYY-MM-DD`` moves TEST_TODAY (e.g. to run the whole suite under faketime on that day).
"""

from __future__ import annotations

import datetime as dt
import os

TEST_TODAY = dt.date.fromisoformat(os.environ.get("SCPDESK_TEST_TODAY") or "2026-11-25")  # a Wednesday

#: Christmas Eve (closures follow), the Sunday after Christmas 2026 (Monday 28 is the Boxing Day substitute),
#: Good Friday 2027, and a leap day.
AWKWARD_DAYS = (dt.date(2026, 12, 24), dt.date(2026, 12, 27), dt.date(2027, 3, 26), dt.date(2028, 2, 29))

#: TEST_TODAY then the awkward days, for ``pytest.mark.parametrize`` (ids are ISO dates).
ALL_DAYS = (TEST_TODAY, *AWKWARD_DAYS)
