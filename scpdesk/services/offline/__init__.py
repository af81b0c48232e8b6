"""Offline copies (issue 16): take records from the shared server into a local file (take), work on them with the
same app, merge them back (sync). No Qt here; SQLAlchemy only in these services and the models."""
