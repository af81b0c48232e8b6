"""Write the build's LICENSES/ folder: one file per bundled component with its full licence text, and an index.

    python packaging/licenses.py DEST        (the frozen build calls ``write_licenses(dist/scpdesk/LICENSES)``)

The components and their licences are ``scpdesk.licences.COMPONENTS`` (the About box reads the same list). Each
file holds the licence texts the installed distribution ships in its metadata (``*.dist-info/licenses/``), then
the source tree's texts the component names (``packaging/licenses/``: Qt's LGPLv3 and GPLv3, which the PySide6
wheels do not ship; Python's PSF licence; those of libraries inside a wheel). A distribution installed for
scpdesk that the list does not name stops the build: nothing is bundled without its licence.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a source tree: scpdesk importable without installing
    sys.path.insert(0, str(ROOT))

from scpdesk.licences import INDEX_FILE, LGPL_NOTICE, Component, bundled, index_json  # noqa: E402

_LICENCE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE)[^/]*$", re.IGNORECASE)


def runtime_distributions(root: str = "scpdesk") -> dict[str, str]:
    """Every distribution scpdesk needs at run time on this platform (its requirements, theirs, …, with the
    extras asked for and environment markers evaluated here), as canonical name -> version; scpdesk itself too."""
    found: dict[str, str] = {}
    visited: set[tuple[str, str]] = set()
    todo: list[tuple[str, str]] = [(root, "")]
    while todo:
        name, extra = todo.pop()
        if (canonicalize_name(name), extra) in visited:
            continue
        visited.add((canonicalize_name(name), extra))
        dist = metadata.distribution(name)
        found[canonicalize_name(dist.metadata["Name"])] = dist.version
        for line in dist.requires or []:
            req = Requirement(line)
            if req.marker is not None and not req.marker.evaluate({"extra": extra}):
                continue
            if req.marker is None and extra:
                continue  # an unconditional requirement: already taken with the distribution itself
            todo.append((req.name, ""))
            todo.extend((req.name, wanted) for wanted in req.extras)
    return found


def _metadata_texts(distribution: str) -> list[tuple[str, str]]:
    dist = metadata.distribution(distribution)
    texts = []
    for file in dist.files or []:
        if ".dist-info/" in file.as_posix() and _LICENCE_FILE.search(file.as_posix()):
            text = Path(str(file.locate())).read_text(encoding="utf-8", errors="replace").strip()
            if text:
                texts.append((file.as_posix().split(".dist-info/", 1)[1], text))
    return texts


def licence_texts(component: Component) -> list[tuple[str, str]]:
    """(where from, text) for ``component``: its distribution's licence files, then the source tree's."""
    texts = [] if component.distribution is None or component.inside else _metadata_texts(component.distribution)
    shipped = {text for _, text in texts}
    for relative in component.texts:
        text = (ROOT / relative).read_text(encoding="utf-8").strip()
        if text not in shipped:
            texts.append((Path(relative).name, text))
    return texts


def file_name(component: Component) -> str:
    return re.sub(r"[^A-Za-z0-9.+-]+", "-", component.name).strip("-") + ".txt"


def unlisted(components: list[Component]) -> list[str]:
    """Distributions installed for scpdesk that no component names (their licence would be missing)."""
    named = {canonicalize_name(c.distribution) for c in components if c.distribution}
    return sorted(set(runtime_distributions()) - named - {"scpdesk"})


def write_licenses(dest: Path) -> list[str]:
    """Write ``dest`` (LICENSES/): a file per bundled component, README.txt (the LGPL notice and the index) and
    components.json (the same list, for the frozen program's About box); returns the components' names.
    Raises ValueError when a bundled distribution is not listed or has no licence text."""
    components = bundled()
    missing = unlisted([component for component, _ in components])
    if missing:
        raise ValueError(f"no licence entry in scpdesk/licences.py for: {', '.join(missing)}")
    dest.mkdir(parents=True, exist_ok=True)
    index = [LGPL_NOTICE, "", f"{'Component':<38} {'Version':<28} Licence  (file)", "-" * 100]
    for component, version in components:
        texts = licence_texts(component)
        if not texts:
            raise ValueError(f"no licence text for {component.name}")
        head = [f"{component.name} {version}", f"Licence: {component.licence}"]
        head += [line for line in (component.url, component.note) if line]
        body = "\n\n".join(f"===== {source} =====\n\n{text}" for source, text in texts)
        (dest / file_name(component)).write_text("\n".join(head) + "\n\n" + body + "\n", encoding="utf-8")
        index.append(f"{component.name:<38} {version:<28} {component.licence}  ({file_name(component)})")
    (dest / "README.txt").write_text("\n".join(index) + "\n", encoding="utf-8")
    (dest / INDEX_FILE).write_text(index_json(components), encoding="utf-8")  # what the frozen About box lists
    return [component.name for component, _ in components]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python packaging/licenses.py DEST")
    names = write_licenses(Path(sys.argv[1]))
    print(f"{len(names)} licences written to {sys.argv[1]}")
