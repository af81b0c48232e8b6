"""How many pages a written PDF has, read back with pypdf: proof that a file is a PDF a reader opens."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError


def count_pages(path: Path) -> int:
    """The page count of the PDF at ``path``; ValueError when it is not a PDF pypdf can open."""
    with path.open("rb") as stream:
        if not stream.read(1024).lstrip().startswith(b"%PDF-"):
            raise ValueError(f"{path.name} does not start as a PDF does")
        stream.seek(0)
        try:
            return len(PdfReader(stream, strict=False).pages)
        except (PdfReadError, ValueError, KeyError, OSError) as exc:
            raise ValueError(f"{path.name} is not a PDF pypdf can read ({type(exc).__name__})") from exc
