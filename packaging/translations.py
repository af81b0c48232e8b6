"""The window's translations: extract the strings into ``.ts`` files, compile them to ``.qm``, and check both.

    python packaging/translations.py update    # pyside6-lupdate per group: resources/translations/scpdesk_<g>_<lang>.ts
    python packaging/translations.py release   # pyside6-lrelease each .ts → scpdesk/resources/translations/*.qm
    python packaging/translations.py check     # fails (exit 1) on a stale .qm, a .ts missing strings, a marked
                                               # source file in no group (or in two)

A group is one ``.ts`` file per language, so that the people working on different screens never edit the same file:
``resources/translations/scpdesk_<group>.files`` lists the group's source files (one path or glob a line, relative to
the repository; ``#`` starts a comment). ``scpdesk_qt_cy.ts`` has no sources: it holds Qt's own words (standard
buttons, the line-edit menu) under Qt's contexts, written by hand, as no Welsh translation of Qt ships with PySide6.

Counts: pyside6-lupdate's Python reader marks plural forms only for ``self.tr(text, "", n)``, and scpdesk translates
through ``translate("Context", "%n referral(s)", "", n)``, so :func:`update` makes every message whose source holds
``%n`` a plural one (Welsh: Qt's five forms; English: two, in ``scpdesk_<group>_en.ts``, which holds only these) and
keeps the forms already written. New Welsh translations are left ``unfinished``: a partnership's translator
reviews them in Qt Linguist; lrelease compiles them all the same.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "translations"
QM_DIR = ROOT / "scpdesk" / "resources" / "translations"
#: The languages with translation files, and the number of plural forms Qt uses for each.
LANGUAGES = {"cy": ("cy_GB", 5), "en": ("en_GB", 2)}
#: Groups whose .ts is written by hand (no sources to extract from).
HAND_WRITTEN = {"qt"}
#: A source file that marks strings for translation (these must each be in exactly one group).
MARKED = re.compile(r"\btranslate\(\s*\"|QT_TRANSLATE_NOOP\(\s*\"")

Key = tuple[str, str, str]  # context, source, disambiguation comment


def tool(name: str) -> str:
    """The path of a Qt tool installed with PySide6 (beside this Python first)."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install -e .[test])")
    return found


def groups() -> dict[str, list[Path]]:
    """Each group with sources, and its source files (sorted)."""
    found: dict[str, list[Path]] = {}
    for listing in sorted(TS_DIR.glob("scpdesk_*.files")):
        group = listing.stem.removeprefix("scpdesk_")
        files: set[Path] = set()
        for line in listing.read_text(encoding="utf-8").splitlines():
            pattern = line.split("#", 1)[0].strip()
            if pattern:
                matched = [path for path in ROOT.glob(pattern) if path.is_file()]
                if not matched:
                    raise SystemExit(f"{listing.name}: {pattern} matches no file")
                files.update(matched)
        found[group] = sorted(files)
    return found


def ts_path(group: str, language: str) -> Path:
    return TS_DIR / f"scpdesk_{group}_{language}.ts"


def qm_path(ts: Path) -> Path:
    return QM_DIR / ts.with_suffix(".qm").name


def _key(message: ET.Element, context: str) -> Key:
    return context, message.findtext("source") or "", message.findtext("comment") or ""


def messages(tree: ET.ElementTree) -> Iterator[tuple[Key, ET.Element]]:
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield _key(message, name), message


def read_ts(path: Path) -> ET.ElementTree:
    return ET.parse(path)


def _plural(message: ET.Element, forms: int, old: ET.Element | None) -> None:
    """Make ``message`` a plural one with ``forms`` forms, keeping the forms ``old`` (the file before) had."""
    message.set("numerus", "yes")
    translation = message.find("translation")
    if translation is None:
        translation = ET.SubElement(message, "translation", type="unfinished")
    previous = old.find("translation") if old is not None else None
    written = [form.text or "" for form in previous.iter("numerusform")] if previous is not None else []
    if not written and previous is not None and (previous.text or "").strip():
        written = [previous.text or ""]  # a single translation written before the message became plural
    if previous is not None:
        translation.attrib = dict(previous.attrib)
    else:
        translation.set("type", "unfinished")
    translation.text = None
    for child in list(translation):
        translation.remove(child)
    for index in range(forms):
        form = ET.SubElement(translation, "numerusform")
        form.text = written[index] if index < len(written) else (written[-1] if written else "")


def write_ts(tree: ET.ElementTree, path: Path) -> None:
    """Write in Qt Linguist's layout (its DOCTYPE, four-space indent), so Linguist and lupdate rewrite it quietly."""
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode", short_empty_elements=False)
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def _lupdate(sources: list[Path], target: Path, locale: str) -> None:
    subprocess.run([tool("pyside6-lupdate"), *map(str, sources), "-ts", str(target), "-no-obsolete",
                    "-locations", "none", "-source-language", "en_GB", "-target-language", locale, "-silent"],
                   check=True, cwd=ROOT)


def extract(group: str, sources: list[Path], language: str, into: Path) -> None:
    """Write ``into`` as the up-to-date .ts of ``group`` in ``language`` (merging the current file's translations)."""
    locale, forms = LANGUAGES[language]
    current = ts_path(group, language)
    old = dict(messages(read_ts(current))) if current.exists() else {}
    if current.exists() and current != into:
        shutil.copyfile(current, into)
    _lupdate(sources, into, locale)
    tree = read_ts(into)
    for context in list(tree.getroot().iter("context")):
        name = context.findtext("name") or ""
        for message in list(context.iter("message")):
            key = _key(message, name)
            if "%n" in key[1]:
                _plural(message, forms, old.get(key))
            elif language == "en":  # English needs only the plural forms: the source text is English
                context.remove(message)
        if not context.findall("message"):
            tree.getroot().remove(context)
    write_ts(tree, into)


def update() -> None:
    for group, sources in groups().items():
        for language in LANGUAGES:
            target = ts_path(group, language)
            extract(group, sources, language, target)
            if language == "en" and not any(True for _ in messages(read_ts(target))):
                target.unlink()  # no counts in this group: no English file
            else:
                print(f"updated {target.relative_to(ROOT)}")


def all_ts() -> list[Path]:
    return sorted(TS_DIR.glob("scpdesk_*_*.ts"))


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm), "-silent"], check=True, cwd=ROOT)


def release() -> None:
    QM_DIR.mkdir(parents=True, exist_ok=True)
    wanted = {qm_path(ts) for ts in all_ts()}
    for stale in set(QM_DIR.glob("*.qm")) - wanted:
        stale.unlink()
    for ts in all_ts():
        lrelease(ts, qm_path(ts))
        print(f"compiled {qm_path(ts).relative_to(ROOT)}")


def _marked_sources() -> Iterable[Path]:
    for path in sorted((ROOT / "scpdesk").rglob("*.py")):
        if path.name != "translatable.py" and MARKED.search(path.read_text(encoding="utf-8")):
            yield path


def problems() -> list[str]:
    """What is out of date: the reasons ``check`` fails, one a line."""
    found: list[str] = []
    listed = groups()
    owners: dict[Path, list[str]] = {}
    for group, sources in listed.items():
        for source in sources:
            owners.setdefault(source, []).append(group)
    for source in _marked_sources():
        where = owners.get(source, [])
        if len(where) != 1:
            found.append(f"{source.relative_to(ROOT)} marks strings for translation but is in "
                         f"{'no group' if not where else 'groups ' + ', '.join(where)} (see *.files)")
    with tempfile.TemporaryDirectory() as scratch:
        for group, sources in listed.items():
            for language in LANGUAGES:
                fresh = Path(scratch) / f"{group}_{language}.ts"
                extract(group, sources, language, fresh)
                wanted = {key for key, _ in messages(read_ts(fresh))}
                current = ts_path(group, language)
                have = {key for key, _ in messages(read_ts(current))} if current.exists() else set()
                for context, source, _ in sorted(wanted - have):
                    found.append(f"{current.name} lacks {context}: {source!r} (run: update)")
                for context, source, _ in sorted(have - wanted):
                    found.append(f"{current.name} has {context}: {source!r}, no longer in the sources (run: update)")
        for ts in all_ts():
            qm = qm_path(ts)
            made = Path(scratch) / qm.name
            lrelease(ts, made)
            if not qm.exists() or qm.read_bytes() != made.read_bytes():
                found.append(f"{qm.relative_to(ROOT)} is not what lrelease makes of {ts.name} (run: release)")
        for qm in sorted(QM_DIR.glob("*.qm")):
            if not (TS_DIR / qm.with_suffix(".ts").name).exists():
                found.append(f"{qm.relative_to(ROOT)} has no .ts source")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["update", "release", "check"])
    args = parser.parse_args(argv)
    if args.action == "update":
        update()
    elif args.action == "release":
        release()
    else:
        found = problems()
        for line in found:
            print(line, file=sys.stderr)
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
