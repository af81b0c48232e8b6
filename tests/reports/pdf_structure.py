"""A tagged PDF read back with pikepdf, as a screen reader meets it: the structure tree in reading order, each
element with its tag (through the RoleMap), attributes and the text of its marked content; and the text drawn
as artifacts (running headers, footers, markings), which no element holds.

Text is decoded through each font's ToUnicode map (Typst writes composite fonts, two-byte codes)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

import pikepdf


@dataclass
class Element:
    tag: str
    depth: int
    attrs: dict[str, str]
    text: str = ""  # its own marked content and its descendants', in order
    children: list[Element] = field(default_factory=list)

    @property
    def lang(self) -> str | None:
        return self.attrs.get("/Lang")


def _cmap(stream: pikepdf.Stream) -> dict[bytes, str]:
    data = stream.read_bytes().decode("latin-1")
    mapping: dict[bytes, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[bytes.fromhex(src)] = bytes.fromhex(dst).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            width = len(lo) // 2
            start, end, first = int(lo, 16), int(hi, 16), bytes.fromhex(dst)
            for offset, code in enumerate(range(start, end + 1)):
                target = first[:-2] + (int.from_bytes(first[-2:], "big") + offset).to_bytes(2, "big")
                mapping[code.to_bytes(width, "big")] = target.decode("utf-16-be", "replace")
    return mapping


def _decode(raw: bytes, cmap: dict[bytes, str]) -> str:
    width = len(next(iter(cmap))) if cmap else 1
    return "".join(cmap.get(raw[i:i + width], "") for i in range(0, len(raw), width))


def page_marked_text(page: pikepdf.Page) -> tuple[dict[int, str], str]:
    """(text of each marked-content id, text drawn as artifacts) of one page."""
    fonts = {name: _cmap(font.ToUnicode) for name, font in page.Resources.get("/Font", {}).items()
             if "/ToUnicode" in font}
    by_mcid: dict[int, str] = {}
    artifacts: list[str] = []
    stack: list[tuple[str, int | None]] = []  # (tag, mcid)
    cmap: dict[bytes, str] = {}
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "BDC":
            props = operands[1]
            mcid = int(props["/MCID"]) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
            stack.append((str(operands[0]), mcid))
        elif op == "BMC":
            stack.append((str(operands[0]), None))
        elif op == "EMC" and stack:
            stack.pop()
        elif op == "Tf":
            cmap = fonts.get(str(operands[0]), {})
        elif op in ("Tj", "TJ", "'", '"'):
            pieces = operands[-1] if op != "TJ" else [p for p in operands[0] if isinstance(p, pikepdf.String)]
            text = "".join(_decode(bytes(p), cmap) for p in (pieces if op == "TJ" else [pieces]))
            if any(tag == "/Artifact" for tag, _ in stack):
                artifacts.append(text)
            else:
                mcid = next((m for _, m in reversed(stack) if m is not None), None)
                if mcid is not None:
                    by_mcid[mcid] = by_mcid.get(mcid, "") + text
    return by_mcid, " ".join(artifacts)


@dataclass
class Tagged:
    pdf: pikepdf.Pdf
    root: Element
    artifacts: list[str]  # per page

    def walk(self) -> list[Element]:
        found: list[Element] = []

        def visit(element: Element) -> None:
            found.append(element)
            for child in element.children:
                visit(child)

        visit(self.root)
        return found[1:]

    def tags(self, tag: str) -> list[Element]:
        return [e for e in self.walk() if e.tag == tag]

    def texts(self, tag: str) -> list[str]:
        return [e.text for e in self.tags(tag)]

    @property
    def catalog(self) -> Any:
        return self.pdf.Root


def read(content: bytes) -> Tagged:
    pdf = pikepdf.open(io.BytesIO(content))
    pages = {page.obj.objgen: page_marked_text(page) for page in pdf.pages}
    roles = {str(k): str(v) for k, v in pdf.Root.StructTreeRoot.get("/RoleMap", {}).items()}

    def build(node: Any, depth: int, page: Any) -> Element:
        tag = str(node.get("/S", "/StructTreeRoot"))
        tag = roles.get(tag, tag).lstrip("/")
        attrs = {k: str(node[k]) for k in ("/Lang", "/Alt", "/T", "/ActualText") if k in node}
        for a in _attributes(node):
            attrs.update({f"A{k}": str(v) for k, v in a.items() if k != "/O"})
        element = Element(tag, depth, attrs)
        page = node.get("/Pg", page)
        kids = node.get("/K")
        kids = [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        for kid in kids:
            if isinstance(kid, int):  # a marked-content id on the element's page
                element.text += pages[page.objgen][0].get(int(kid), "") if page is not None else ""
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                where = kid.get("/Pg", page)
                element.text += pages[where.objgen][0].get(int(kid.MCID), "")
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                child = build(kid, depth + 1, page)
                element.children.append(child)
                element.text += child.text
        return element

    root = build(pdf.Root.StructTreeRoot, 0, None)
    return Tagged(pdf, root, [pages[p.obj.objgen][1] for p in pdf.pages])


def _attributes(node: Any) -> list[Any]:
    a = node.get("/A")
    if a is None:
        return []
    return [x for x in (list(a) if isinstance(a, pikepdf.Array) else [a]) if isinstance(x, pikepdf.Dictionary)]


def squash(value: str) -> str:
    return re.sub(r"\s+", "", value)
