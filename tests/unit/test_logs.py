"""Background failures reach the log with their stack, never with their message (it may quote a child's record)."""

from __future__ import annotations

import io
import logging

from scpdesk.logs import FORMAT, StackOnlyFormatter

SECRET = "Jane Smith, born 01/03/2014, 12 Acacia Avenue"


def _save_summary(text: str) -> None:
    raise ValueError(f"value too long for column summary: {text!r}")


def _background_job() -> None:
    try:
        _save_summary(SECRET)
    except ValueError as exc:
        raise RuntimeError(f"could not save {SECRET}") from exc


def test_a_logged_failure_keeps_every_frame_and_type_but_not_a_word_of_the_record() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(StackOnlyFormatter(FORMAT))
    logger = logging.getLogger("scpdesk.test.logs")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        try:
            _background_job()
        except RuntimeError as exc:
            logger.warning("reloading %s failed: %s", "referrals", type(exc).__name__, exc_info=exc)
    finally:
        logger.removeHandler(handler)
    written = stream.getvalue()
    assert "reloading referrals failed: RuntimeError" in written
    assert "in _background_job" in written and "in _save_summary" in written  # both exceptions' frames
    assert "builtins.RuntimeError (message withheld" in written and "builtins.ValueError (message withheld" in written
    assert "The above was caused by:" in written
    for word in ("Jane", "Smith", "2014", "Acacia"):
        assert word not in written


def test_text_cached_by_another_handler_never_reaches_the_log_file() -> None:
    try:
        _background_job()
    except RuntimeError as exc:
        record = logging.LogRecord("scpdesk.x", logging.WARNING, __file__, 1, "failed", None, (RuntimeError, exc,
                                                                                             exc.__traceback__))
    assert SECRET in logging.Formatter().format(record)  # a plain formatter caches the whole text on the record
    written = StackOnlyFormatter(FORMAT).format(record)
    assert "in _save_summary" in written and "Jane" not in written
