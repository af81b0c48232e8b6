"""Group the service modules by area: ``scpdesk/services/<module>.py`` -> ``scpdesk/services/<area>/<module>.py``.

Re-runnable (issue 12, "Structure to match"). Other branches edit these modules while the move is pending, so the
move is a script, not a hand edit: drop the commit it made, merge the other branches, run it again.

What it does, in order:

1. Rewrites every reference to a moved module in the tracked files of ``scpdesk/``, ``tests/``, ``bench/``,
   ``tools/``, ``packaging/``, ``docs/``, ``resources/``, ``pyproject.toml`` and ``README.md`` — found by module
   path pattern, not from a list of files, so imports another branch added are caught:

   * import statements (read with ``ast``): absolute and relative (``from .workflow import``, ``from ..services
     import storage``, ``from . import next_due``); a relative import is re-expressed from the file's new place,
     so a moved module's ``from ..models.enums`` becomes ``from ...models.enums``;
   * dotted paths in any text (``mock.patch("scpdesk.services.workflow.X")``, import-linter contracts, logger
     names, ``import_module`` strings) and file paths (``scpdesk/services/workflow.py``, ``services/workflow.py``).

2. ``git mv`` each module into its area package; writes each package's ``__init__.py`` (its docstring says what
   belongs there) and the map in ``scpdesk/services/__init__.py``'s docstring.
3. ``ruff check --select I --fix`` on the Python files it changed (the import blocks re-sorted).

Idempotent: on a tree already moved it changes nothing (a reference already pointing into an area package is
recognised by its submodule). A package named like a module it holds (``referrals/referrals.py``): a bare
``scpdesk.services.referrals`` means the module while ``referrals.py`` is still at the top, the package after.

Usage: ``python tools/group_services.py [--dry-run]`` from the repository root. It prints what it changed, the
top-level service modules the map does not place (new modules from other branches: add them to ``AREAS`` or
leave them in the shared core) and map entries whose module no longer exists.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import shutil
import subprocess
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ROOT / "scpdesk" / "services"
PREFIX = "scpdesk.services"

#: area -> (what belongs there, the modules it holds). Everything else stays at the top: the shared core.
AREAS: dict[str, tuple[str, tuple[str, ...]]] = {
    "referrals": (
        "A referral from intake to the panel's decision: the list and its stored headline clock, the detail, the\n"
        "workflow's steps, the referral screen read in one transaction and its story in plain words (next steps,\n"
        "timeline, history), import and export.",
        ("referrals", "workflow", "referral_screen", "story", "referral_io", "next_due", "headline", "first_page"),
    ),
    "panel": (
        "Rapid Review Panel and QA&S meetings: the list, a meeting's screen, agenda and papers, minutes and\n"
        "decisions, the rules (quorum, standing items), the meeting pack's data and the calendar invitation.",
        ("meetings", "meeting_base", "meeting_dto", "meeting_reads", "meeting_rules", "agenda", "minutes",
         "meeting_pack", "calendar"),
    ),
    "library": (
        "The Review Library: reviews and their status flow, the library list, themes and archive requests,\n"
        "recommendations and action plans, learning summaries, review import and export.",
        ("reviews", "library", "actions", "learning_summary", "review_io"),
    ),
    "organisation": (
        "The partnership itself: the directory of agencies and people, the logo, local closure days (which move\n"
        "every working-day clock).",
        ("directory", "logo", "closures"),
    ),
}

#: The modules that stay at the top: the shared core below the areas, and the facade and cross-area reads above.
CORE = ("uow", "dto", "access", "settings", "settings_values", "clock_context", "clocks",
        "folds", "history", "spreadsheet", "storage", "unlock",
        "registry", "areas", "deadlines", "demo", "demo_content")

CORE_TEXT = (
    "uow (one unit of work per action), dto (values every screen shares), access (who may do what),\n"
    "settings (the organisation settings store every clock and document reads) with settings_values (their\n"
    "values, free of the database) and clock_context (settings and closure days cached per process, checked in\n"
    "each statement), clocks (records to the\n"
    "statutory clock's inputs), folds, history, spreadsheet (CSV/XLSX in and out), storage (backups), unlock;\n"
    "and, above the areas, registry and areas (the one facade the UI calls), deadlines (every open clock across\n"
    "referrals and reviews) and demo."
)

MAP_START = "Where a feature goes (the areas; tools/group_services.py moves modules and writes this map):"
MAP_END = "(A new module goes in the area whose records it reads and writes; shared helpers stay in the core.)"

TEXT_SUFFIXES = {".py", ".pyi", ".toml", ".md", ".rst", ".txt", ".cfg", ".ini", ".spec", ".json", ".yml", ".yaml"}
SCAN_ROOTS = ("scpdesk", "tests", "bench", "tools", "packaging", "docs", "resources", "pyproject.toml", "README.md")
SELF = Path(__file__).resolve()
#: Files that quote old and new paths on purpose (the tool's own tests): never rewritten.
LEAVE = {ROOT / "tests" / "test_group_services.py"}


def area_of() -> dict[str, str]:
    return {module: area for area, (_, modules) in AREAS.items() for module in modules}


class Mover:
    def __init__(self) -> None:
        self.area = area_of()  # old module name -> area
        self.submodules = {area: set(modules) for area, (_, modules) in AREAS.items()}
        #: Modules still at the top (not yet moved): a bare reference to a package-named module means them.
        self.pending = {m for m in self.area if (SERVICES / f"{m}.py").exists()}
        self.warnings: list[str] = []

    # -- module paths ----------------------------------------------------------------------------------------

    def new_path(self, dotted: str, names: tuple[str, ...] = ()) -> str:
        """``dotted`` (a module, or a module and attributes) with a moved module's part rewritten."""
        parts = dotted.split(".")
        if parts[:2] != ["scpdesk", "services"] or len(parts) < 3:
            return dotted
        first, rest = parts[2], parts[3:]
        if first in self.submodules:  # an area package's name
            if rest and rest[0] in self.submodules[first]:
                return dotted  # already inside the area
            if first not in self.area:
                return dotted
            if not rest:
                if names and all(n in self.submodules[first] for n in names):
                    return dotted  # "from ...referrals import workflow": the package
                if not names and first not in self.pending:
                    return dotted  # bare, and the module is gone: the package
        if first in self.area:
            return ".".join(["scpdesk", "services", self.area[first], first, *rest])
        return dotted

    def file_module(self, path: Path) -> tuple[str, bool]:
        """The dotted module of ``path`` and whether it is a package ``__init__``."""
        rel = path.relative_to(ROOT).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            return ".".join(parts[:-1]), True
        return ".".join(parts), False

    def moved_module(self, module: str) -> str:
        parts = module.split(".")
        if len(parts) == 3 and parts[:2] == ["scpdesk", "services"] and parts[2] in self.pending:
            return self.new_path(module)
        return module

    @staticmethod
    def resolve(package: str, level: int, module: str | None) -> str:
        base = package.split(".")
        if level > 1:
            base = base[: len(base) - (level - 1)]
        return ".".join([*base, *([module] if module else [])])

    @staticmethod
    def relative(package: str, target: str) -> str:
        """``target`` as a relative import from ``package`` ("..models.enums")."""
        here, there = package.split("."), target.split(".")
        common = 0
        while common < min(len(here), len(there)) and here[common] == there[common]:
            common += 1
        if common == 0:
            return target
        return "." * (len(here) - common + 1) + ".".join(there[common:])

    # -- Python imports --------------------------------------------------------------------------------------

    def rewrite_imports(self, path: Path, text: str) -> str:
        if path.suffix != ".py":
            return text
        try:
            tree = ast.parse(text)
        except SyntaxError:
            self.warnings.append(f"{path.relative_to(ROOT)}: not parsed (syntax error), imports left as they are")
            return text
        old_module, is_package = self.file_module(path)
        new_module = self.moved_module(old_module)
        old_pkg = old_module if is_package else old_module.rpartition(".")[0]
        new_pkg = new_module if is_package else new_module.rpartition(".")[0]
        lines = text.splitlines(keepends=True)
        edits: list[tuple[int, int, int, int, str]] = []
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            names = tuple(a.name for a in node.names)
            target = self.resolve(old_pkg, node.level, node.module) if node.level else (node.module or "")
            groups: list[tuple[str, list[ast.alias]]] = []
            if target == PREFIX:
                # "from scpdesk.services import workflow, Changes": each moved module from its area.
                for alias in node.names:
                    moving = alias.name in self.area and not (
                        alias.name in self.submodules and alias.name not in self.pending)
                    where = f"{PREFIX}.{self.area[alias.name]}" if moving else PREFIX
                    for group in groups:
                        if group[0] == where:
                            group[1].append(alias)
                            break
                    else:
                        groups.append((where, [alias]))
            else:
                groups.append((self.new_path(target, names), list(node.names)))
            if len(groups) == 1 and groups[0][0] == target and (not node.level or new_pkg == old_pkg):
                continue
            rendered = []
            for where, aliases in groups:
                module = self.relative(new_pkg, where) if node.level else where
                if node.level and not module.startswith("."):
                    module = where
                rendered.append((module, aliases))
            if len(rendered) == 1 and not (target == PREFIX and rendered[0][1] != list(node.names)):
                # Only the module part changes: keep the statement's own layout (parentheses, comments).
                segment_start = _offset(lines, node.lineno, node.col_offset)
                header = re.compile(r"from\s+([.\w]+(?:\s*[.\w]+)*?)\s+import\b")
                match = header.match(text, segment_start)
                if match is None:
                    self.warnings.append(f"{path.relative_to(ROOT)}:{node.lineno}: import not rewritten")
                    continue
                edits.append((match.start(1), match.end(1), 0, 0, rendered[0][0]))
                continue
            indent = " " * node.col_offset
            statements = []
            for module, aliases in rendered:
                names_text = ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in aliases)
                statements.append(f"from {module} import {names_text}")
            start = _offset(lines, node.lineno, node.col_offset)
            end = _offset(lines, node.end_lineno or node.lineno, node.end_col_offset or 0)
            edits.append((start, end, 0, 0, ("\n" + indent).join(statements)))
        for start, end, _, _, new in sorted(edits, reverse=True):
            text = text[:start] + new + text[end:]
        return text

    # -- dotted paths and file paths in any text -------------------------------------------------------------

    DOTTED = re.compile(r"(?<![\w.])scpdesk\.services\.\w+(?:\.\w+)*")
    FROM_IMPORT = re.compile(r"\s+import\s+\(?\s*((?:\w+(?:\s+as\s+\w+)?\s*,\s*)*\w+(?:\s+as\s+\w+)?)")
    FILE = re.compile(r"(?<![\w/.])((?:scpdesk/)?services/)(\w+)(\.py)\b")

    def rewrite_text(self, text: str) -> str:
        def dotted(match: re.Match[str]) -> str:
            value = match.group(0)
            imported = self.FROM_IMPORT.match(match.string, match.end())
            if imported is not None:  # "from scpdesk.services.x import a, b" (in code, or in code in a string)
                names = tuple(part.split()[0] for part in imported.group(1).split(",") if part.strip())
                return self.new_path(value, names)
            # "scpdesk.services.referrals.py" is a file name written with dots: treat the ".py" as a suffix.
            suffix = ""
            if value.endswith(".py") and match.string[match.end():match.end() + 1] in ("", " ", "`", "'", '"', ")"):
                value, suffix = value[:-3], ".py"
            return self.new_path(value) + suffix

        def file(match: re.Match[str]) -> str:
            prefix, name, suffix = match.groups()
            if name not in self.area:
                return match.group(0)
            if name in self.submodules and name not in self.pending:
                return match.group(0)
            return f"{prefix}{self.area[name]}/{name}{suffix}"

        return self.FILE.sub(file, self.DOTTED.sub(dotted, text))


# -- lines the longer paths pushed past the limit ---------------------------------------------------------------

LIMIT = 120
BULLETS = ("* ", "- ", "1. ")


def _kind(line: str) -> str:
    stripped = line.strip()
    if stripped.startswith("#"):
        return "comment"
    return "other"


def reflow(text: str, changed_lines: set[int]) -> tuple[str, list[int]]:
    """Re-wrap the lines in ``changed_lines`` (0-based) that the rewrite made longer than ``LIMIT``.

    Three shapes are re-wrapped, the ones these paths sit in: a comment (its tail words move to the next comment
    line, or to a new one); prose in a docstring (its tail words move to the next line of the paragraph, or to a
    new one); a line ending in a string literal (a dict entry ``"scpdesk.services.…": "what it does "``) whose
    tail words move into the string on the next line, or into a new one, aligned. Anything else is left as it is
    and returned, to be wrapped by hand."""
    lines = text.split("\n")
    docstring = _docstring_lines(text)
    bracketed = _bracketed_lines(text)
    left: list[int] = []
    pending = sorted(changed_lines)
    while pending:
        i = pending.pop(0)
        if i >= len(lines) or len(lines[i]) <= LIMIT:
            continue
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        indent = len(line) - len(line.lstrip())
        inserted = False
        if _kind(line) == "comment" or (i in docstring and i + 1 in docstring and line.strip()
                                         and not line.rstrip().endswith(('"' * 3, "'" * 3))):
            head, tail = _split_words(line, LIMIT)
            if tail is None:
                left.append(i)
                continue
            lines[i] = head
            prefix = " " * indent + ("# " if _kind(line) == "comment" else "")
            body = nxt[len(prefix):] if nxt is not None and nxt.startswith(prefix) else ""
            same = (nxt is not None and body.strip() and not body.startswith(" ") and not body.startswith(BULLETS)
                    and (_kind(line) == "comment") == (_kind(nxt) == "comment")
                    and not body.strip().startswith(('"' * 3, "'" * 3)))
            if same:
                lines[i + 1] = prefix + tail + " " + body
            else:
                lines.insert(i + 1, prefix + tail)
                inserted = True
        else:
            match = re.search(r'(?P<q>["\'])(?P<body>(?:(?!(?P=q)).)*)(?P=q)(?P<end>,?)\s*$', line)
            if match is None or i not in bracketed:  # outside brackets a new line would end the statement
                left.append(i)
                continue
            body_start = match.start("body")
            cut = line.rfind(" ", body_start, LIMIT - 1)  # room for the closing quote
            if cut <= body_start:
                left.append(i)
                continue
            q, end = match.group("q"), match.group("end")
            tail = line[cut + 1:match.end("body")]
            lines[i] = line[:cut + 1] + q
            if nxt is not None and nxt.lstrip().startswith(q) and not end:
                lines[i + 1] = nxt[:len(nxt) - len(nxt.lstrip())] + q + tail + nxt.lstrip()[1:]
            else:
                lines.insert(i + 1, " " * match.start() + q + tail + q + end)
                inserted = True
        if inserted:
            pending = [p + 1 if p > i else p for p in pending]
            docstring = {d + 1 if d > i else d for d in docstring} | ({i + 1} if i in docstring else set())
            bracketed = {d + 1 if d > i else d for d in bracketed} | {i, i + 1}
        pending.insert(0, i + 1)
    return "\n".join(lines), left


def _split_words(line: str, limit: int) -> tuple[str, str | None]:
    cut = line.rfind(" ", 0, limit + 1)
    indent = len(line) - len(line.lstrip())
    if cut <= indent + 2:
        return line, None
    return line[:cut].rstrip(), line[cut + 1:].strip()


def _bracketed_lines(text: str) -> set[int]:
    """0-based lines that end inside brackets, where a string may go on on the next line."""
    ends: set[int] = set()
    depth = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.OP and token.string in "([{":
                depth += 1
            elif token.type == tokenize.OP and token.string in ")]}":
                depth -= 1
            elif token.type in (tokenize.NL, tokenize.NEWLINE) and depth > 0:
                ends.add(token.start[0] - 1)
    except (tokenize.TokenError, SyntaxError):
        pass
    return ends


def _docstring_lines(text: str) -> set[int]:
    """0-based lines inside a multi-line string literal (a docstring), its first and last lines included."""
    inside: set[int] = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.STRING and token.start[0] != token.end[0]:
                inside.update(range(token.start[0] - 1, token.end[0]))
    except (tokenize.TokenError, SyntaxError):
        pass
    return inside


def _offset(lines: list[str], lineno: int, col: int) -> int:
    """The character offset of (1-based line, UTF-8 byte column) in the text ``lines`` make."""
    line = lines[lineno - 1]
    return sum(len(x) for x in lines[: lineno - 1]) + len(line.encode("utf-8")[:col].decode("utf-8"))


def tracked_files() -> list[Path]:
    out = subprocess.run(["git", "ls-files", "-z", "--", *SCAN_ROOTS], cwd=ROOT, capture_output=True, check=True)
    paths = [ROOT / p for p in out.stdout.decode("utf-8").split("\0") if p]
    return [p for p in paths if p.suffix in TEXT_SUFFIXES and p.resolve() != SELF and p not in LEAVE and p.is_file()]


def package_init(area: str) -> str:
    about, modules = AREAS[area]
    listed = _wrap(f"Modules: {', '.join(modules)}. (Grouped by tools/group_services.py.)")
    return f'"""{about}\n\n{listed}\n"""\n'


def services_docstring_map() -> str:
    lines = [MAP_START, ""]
    for area, (about, modules) in AREAS.items():
        lines.append(f"* ``{area}/`` — {' '.join(about.split())} ({', '.join(modules)})")
    lines.append(f"* the core, at the top — {' '.join(CORE_TEXT.split())}")
    lines += ["", MAP_END]
    return "\n".join(_wrap(line, indent="  " if line.startswith("* ") else "") for line in lines)


def _wrap(line: str, indent: str = "", width: int = 116) -> str:
    """``line`` wrapped at ``width`` characters, continuation lines indented by ``indent``."""
    wrapped: list[str] = []
    current = ""
    for word in line.split(" "):
        if current and len(current) + 1 + len(word) > width:
            wrapped.append(current)
            current = indent + word
        else:
            current = f"{current} {word}" if current else word
    wrapped.append(current)
    return "\n".join(wrapped)


def write_services_map(text: str) -> str:
    block = services_docstring_map()
    if MAP_START in text and MAP_END in text:
        start = text.index(MAP_START)
        end = text.index(MAP_END) + len(MAP_END)
        return text[:start] + block + text[end:]
    tree = ast.parse(text)
    doc = ast.get_docstring(tree, clean=False)
    if doc is None:
        return f'"""{block}\n"""\n\n' + text
    first_break = text.find("\n\n", text.find('"""'))
    return text[:first_break] + "\n\n" + block + text[first_break:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="say what would change, change nothing")
    args = parser.parse_args()
    mover = Mover()
    changed: list[Path] = []
    too_long: list[str] = []
    for path in tracked_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        new = mover.rewrite_text(mover.rewrite_imports(path, text))
        if path == SERVICES / "__init__.py":
            new = write_services_map(new)
        if new != text and path.suffix == ".py":
            before = set(text.split("\n"))
            grown = {n for n, line in enumerate(new.split("\n")) if len(line) > LIMIT and line not in before}
            new, left = reflow(new, grown)
            # Import statements are ruff's to wrap (the re-sort below).
            too_long.extend(f"{path.relative_to(ROOT)}:{n + 1}" for n in left
                            if not new.split("\n")[n].lstrip().startswith(("from ", "import ")))
        if new != text:
            changed.append(path)
            if not args.dry_run:
                path.write_text(new, encoding="utf-8")
    moves = []
    for module, area in sorted(mover.area.items()):
        source, target = SERVICES / f"{module}.py", SERVICES / area / f"{module}.py"
        if source.exists():
            moves.append((source, target))
        elif not target.exists():
            mover.warnings.append(f"map entry {area}/{module}.py: no such module (renamed or split? update AREAS)")
    if not args.dry_run:
        for area in AREAS:
            init = SERVICES / area / "__init__.py"
            init.parent.mkdir(exist_ok=True)
            # A plain file named like the area would shadow it: only the modules move, never a stray file.
            if not init.exists() or init.read_text(encoding="utf-8") != package_init(area):
                init.write_text(package_init(area), encoding="utf-8")
                changed.append(init)
            subprocess.run(["git", "add", str(init)], cwd=ROOT, check=True)
        for source, target in moves:
            subprocess.run(["git", "mv", str(source), str(target)], cwd=ROOT, check=True)
        python = [str(p if p.exists() else SERVICES / mover.area[p.stem] / p.name) for p in changed
                  if p.suffix == ".py"] + [str(t) for _, t in moves]
        beside = Path(sys.executable).parent / "ruff"
        ruff = str(beside) if beside.exists() else shutil.which("ruff")
        if ruff and python:
            subprocess.run([ruff, "check", "--quiet", "--select", "I", "--fix", *sorted(set(python))], cwd=ROOT,
                           check=False)
    for path in changed:
        print(f"rewrote {path.relative_to(ROOT)}")
    for source, target in moves:
        print(f"moved {source.relative_to(ROOT)} -> {target.relative_to(ROOT)}")
    placed = set(mover.area) | set(AREAS) | set(CORE) | {"__init__"}
    for extra in sorted(p.stem for p in SERVICES.glob("*.py")):
        if extra not in placed:
            print(f"new: scpdesk/services/{extra}.py is in neither an area nor CORE: it stays at the top "
                  "(place it in AREAS or CORE in tools/group_services.py)")
    for where in too_long:
        mover.warnings.append(f"{where}: longer than {LIMIT} characters after the rewrite: wrap it by hand")
    for warning in mover.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if not changed and not moves:
        print("nothing to do: the services are grouped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
