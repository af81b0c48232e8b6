"""Guards against known faults of the Qt binding that would crash the app after long use."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel


def test_process_events_keeps_reference_counts(qapp: QApplication) -> None:
    # PySide6 6.12.0 dropped a reference to None on every processEvents() call, so a long session (or any
    # progress loop) ended in "Fatal Python error: none_dealloc". pyproject.toml excludes that release.
    before = sys.getrefcount(None)
    for _ in range(5000):
        qapp.processEvents()
    assert abs(sys.getrefcount(None) - before) < 100


def test_signal_slot_calls_keep_reference_counts(qapp: QApplication) -> None:
    label = QLabel()
    owner = QObject()
    timer = QTimer(owner)
    before = sys.getrefcount(None)
    for i in range(2000):
        label.setText(str(i))
        timer.timeout.emit()
    assert abs(sys.getrefcount(None) - before) < 100
