"""Offline copies (issue 16): take records from the shared server into a local file, sync them back."""
