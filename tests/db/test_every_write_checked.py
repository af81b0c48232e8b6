"""Every public service write is either version-checked or an append (VERSIONS.md point 4, issue 9).

The writes are found by reading the source of every module of ``scpdesk.services``: a public function or
method is a write when its body opens ``unit_of_work`` or calls something that does — a private helper of its
module or class (``_act``, ``_save_settings``), another write of its module, a write imported from another
services module, or ``SomeService(ctx).write(...)``. Each write must be listed in the STALE_CALLS (checked with
a two-writer test) or the APPEND_ONLY (with the reason) of some ``tests/db/test_stale_*.py``; a STALE_CALLS
write must take the version the user saw as a required, non-optional parameter."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import scpdesk.services

PACKAGE = "scpdesk.services"
#: Every module of the package, those of its area packages (``scpdesk.services.referrals.workflow``) included.
ALL_SERVICE_MODULES: tuple[str, ...] = tuple(sorted(
    info.name for info in pkgutil.walk_packages(scpdesk.services.__path__, f"{PACKAGE}.") if not info.ispkg))

#: Every module of scpdesk.services: a write anywhere must be version-checked or a listed append.
MODULES_THAT_MUST_BE_COVERED: tuple[str, ...] = ALL_SERVICE_MODULES


# -- Discovery ------------------------------------------------------------------------------------------------

@dataclass
class _Function:
    qualname: str  # "scpdesk.services.settings.save_settings" or "...reviews.ReviewService.publish"
    module: str
    owner: str | None  # the class, for a method
    name: str
    node: ast.FunctionDef | ast.AsyncFunctionDef
    calls: set[str] = field(default_factory=set)

    @property
    def public(self) -> bool:
        return not self.name.startswith("_") and not (self.owner or "").startswith("_")


def _opens_unit_of_work(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "unit_of_work"
               for n in ast.walk(node))


def _functions(module: str) -> Iterator[_Function]:
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    imported: dict[str, str] = {}  # local name -> "scpdesk.services.<module>.<name>"
    classes: set[str] = set()
    package = module.split(".")
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level and node.module:  # from .x / from ..area.x import
            base = ".".join(package[:len(package) - node.level])
            for alias in node.names:
                imported[alias.asname or alias.name] = f"{base}.{node.module}.{alias.name}"
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(PACKAGE + "."):
            for alias in node.names:
                imported[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.ClassDef):
            classes.add(node.name)

    def resolve(call: ast.Call, owner: str | None) -> str | None:
        func = call.func
        if isinstance(func, ast.Name):  # helper(...), an imported write(...)
            if func.id in imported:
                return imported[func.id]
            return f"{module}.{func.id}"
        if isinstance(func, ast.Attribute):
            target = func.value
            if isinstance(target, ast.Name) and target.id in ("self", "cls") and owner:
                return f"{module}.{owner}.{func.attr}"  # self._act(...)
            if isinstance(target, ast.Call) and isinstance(target.func, ast.Name):  # Service(ctx).write(...)
                cls = target.func.id
                if cls in classes:
                    return f"{module}.{cls}.{func.attr}"
                if cls in imported:
                    return f"{imported[cls]}.{func.attr}"
            if isinstance(target, ast.Name) and target.id in classes:  # Class.static_write(...)
                return f"{module}.{target.id}.{func.attr}"
        return None

    def make(node: ast.FunctionDef | ast.AsyncFunctionDef, owner: str | None) -> _Function:
        qual = f"{module}.{owner}.{node.name}" if owner else f"{module}.{node.name}"
        found = _Function(qual, module, owner, node.name, node)
        found.calls = {r for n in ast.walk(node) if isinstance(n, ast.Call) and (r := resolve(n, owner))}
        return found

    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield make(node, None)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    yield make(item, node.name)


def discover_writes(modules: tuple[str, ...] = ALL_SERVICE_MODULES) -> dict[str, _Function]:
    """Every public write in ``modules`` (qualified name -> its function), found from the source alone."""
    everything = {f.qualname: f for module in ALL_SERVICE_MODULES for f in _functions(module)}
    writing = {q for q, f in everything.items() if _opens_unit_of_work(f.node)}
    while True:  # whatever calls a write writes too, through any number of helpers
        more = {q for q, f in everything.items() if q not in writing and f.calls & writing}
        if not more:
            break
        writing |= more
    return {q: everything[q] for q in sorted(writing)
            if everything[q].public and everything[q].module in modules}


# -- The registries of tests/db/test_stale_*.py ----------------------------------------------------------------

def _stale_modules() -> list[ModuleType]:
    found = []
    for path in sorted(Path(__file__).parent.glob("test_stale_*.py")):
        spec = importlib.util.spec_from_file_location(f"_registry_{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        found.append(module)
    return found


STALE_MODULES = _stale_modules()
STALE_CALLS: dict[str, Callable[..., Any]] = {}
APPEND_ONLY: dict[str, str] = {}
for _module in STALE_MODULES:
    for _registry, _into in ((_module.STALE_CALLS, STALE_CALLS), (_module.APPEND_ONLY, APPEND_ONLY)):
        for _name, _value in _registry.items():
            assert _name not in STALE_CALLS and _name not in APPEND_ONLY, f"{_name} is listed twice"
            _into[_name] = _value


def _module_and_rest(qualname: str) -> tuple[Any, list[str]]:
    """The longest importable module of ``qualname`` ("scpdesk.services.<area>.<module>.<Class>.<name>") and the
    names after it."""
    parts = qualname.split(".")
    for end in range(len(parts) - 1, 2, -1):
        try:
            return importlib.import_module(".".join(parts[:end])), parts[end:]
        except ModuleNotFoundError:
            continue
    raise AssertionError(f"{qualname}: no module of scpdesk.services holds it")


def _resolve(qualname: str) -> Callable[..., Any]:
    target, rest = _module_and_rest(qualname)
    for part in rest:
        target = getattr(target, part)
    return target


def _is_version(parameter: str) -> bool:
    """``expected_version``, ``expected`` (settings: key -> version) or another ``*_version`` (``keep_version``)."""
    return parameter in ("expected", "expected_version") or parameter.endswith("_version")


# -- The tests ------------------------------------------------------------------------------------------------

def test_the_discovery_finds_known_writes_and_no_reads() -> None:
    """The enumeration cannot pass by finding nothing: writes reached directly, through ``self._act``, through
    a private helper, through another write of the module and through ``Service(ctx).write`` are all found, in
    this slice's modules and in the others; reads are not."""
    found = discover_writes()
    for known in (
        "scpdesk.services.library.actions.add_progress_note",  # opens unit_of_work itself
        "scpdesk.services.library.reviews.ReviewService.publish",  # -> self._publish -> self._act -> unit_of_work
        "scpdesk.services.settings.save_settings",  # -> _save_settings
        "scpdesk.services.organisation.directory.restore_agency",  # -> retire_agency
        "scpdesk.services.library.library.set_review_themes",  # -> ReviewService(ctx).set_themes
        "scpdesk.services.referrals.workflow.WorkflowService.send_to_panel",  # another slice's module, via self._act
        "scpdesk.services.panel.meetings.MeetingService.create",
    ):
        assert known in found, known
    for read in ("scpdesk.services.library.reviews.ReviewService.get", "scpdesk.services.library.library.themes",
                 "scpdesk.services.settings.settings_versions", "scpdesk.services.organisation.directory.people",
                 "scpdesk.services.library.learning_summary.get_content"):
        assert read not in found, read
    assert len(found) >= 80, f"only {len(found)} writes found: the discovery has gone blind"


#: The typed facade the screens call (issue 12): each of its methods only hands over to one service function.
FACADE_MODULES = (f"{PACKAGE}.areas", f"{PACKAGE}.registry")


def facade_target(function: _Function, writes: dict[str, _Function]) -> str | None:
    """The write a facade method delegates to: it opens no unit of work itself and calls exactly one write."""
    if function.module not in FACADE_MODULES or _opens_unit_of_work(function.node):
        return None
    targets = [q for q in function.calls if q in writes]
    return targets[0] if len(targets) == 1 else None


def _covered(qualname: str, writes: dict[str, _Function]) -> bool:
    """Listed itself, or a facade method handing over to a listed write (which its two-writer test covers)."""
    if qualname in STALE_CALLS or qualname in APPEND_ONLY:
        return True
    target = facade_target(writes[qualname], writes)
    return target is not None and (target in STALE_CALLS or target in APPEND_ONLY)


def test_a_facade_method_keeps_the_version_check_of_the_write_it_hands_over_to() -> None:
    """``services.directory.update_agency(id, expected_version, ...)`` must ask for the version as
    ``directory.update_agency`` does: a facade cannot make the check optional or drop it."""
    writes = discover_writes()
    delegates = {q: t for q, f in writes.items() if (t := facade_target(f, writes)) is not None}
    assert "scpdesk.services.areas.Directory.update_agency" in delegates  # the rule cannot pass by finding none
    for qualname, target in delegates.items():
        theirs = [n for n in inspect.signature(_resolve(target)).parameters if _is_version(n)]
        ours = inspect.signature(_resolve(qualname)).parameters
        for name in theirs:
            assert name in ours, f"{qualname} drops {target}'s {name}"
            assert ours[name].default is inspect.Parameter.empty, f"{qualname}: {name} has a default"


@pytest.mark.parametrize("module", MODULES_THAT_MUST_BE_COVERED)
def test_every_write_is_version_checked_or_an_append(module: str) -> None:
    writes = discover_writes()
    missing = [q for q in discover_writes((module,)) if not _covered(q, writes)]
    assert not missing, ("add each to STALE_CALLS (with a two-writer test) or APPEND_ONLY (with the reason) of "
                         f"a tests/db/test_stale_*.py: {missing}")


def test_every_listed_write_exists_and_is_a_write() -> None:
    found = discover_writes()
    listed = [*STALE_CALLS, *APPEND_ONLY]
    assert listed
    for qualname in listed:
        assert callable(_resolve(qualname)), qualname
    assert [q for q in listed if q not in found] == []


@pytest.mark.parametrize("qualname", sorted(STALE_CALLS))
def test_a_checked_write_requires_the_version_the_user_saw(qualname: str) -> None:
    """A required ``expected_version: int`` (``expected`` for settings, one version per key): no default, and
    never None meaning "do not check"."""
    signature = inspect.signature(_resolve(qualname))
    versions = [p for name, p in signature.parameters.items() if _is_version(name)]
    assert any(p.name.startswith("expected") for p in versions), f"{qualname} takes no expected version"
    for parameter in versions:
        assert parameter.default is inspect.Parameter.empty, f"{qualname}: {parameter.name} has a default"
        assert "None" not in str(parameter.annotation), f"{qualname}: {parameter.name} may be None"


@pytest.mark.parametrize("module", MODULES_THAT_MUST_BE_COVERED)
def test_no_write_takes_an_optional_version(module: str) -> None:
    """Not even one listed as an append: a version that may be None is a check that may be skipped."""
    loose = []
    for qualname in discover_writes((module,)):
        for name, parameter in inspect.signature(_resolve(qualname)).parameters.items():
            if _is_version(name) and ("None" in str(parameter.annotation)
                                                or parameter.default is not inspect.Parameter.empty):
                loose.append(f"{qualname}({name})")
    assert not loose


# -- Behaviour: None is never "do not check" -------------------------------------------------------------------

def _owner_and_name(qualname: str) -> tuple[Any, str]:
    owner, rest = _module_and_rest(qualname)
    *classes, name = rest
    for cls in classes:
        owner = getattr(owner, cls)
    return owner, name


NONE_CHECKED = sorted(q for q in STALE_CALLS
                      if "expected_version" in inspect.signature(_resolve(q)).parameters)


def test_most_checked_writes_take_expected_version() -> None:
    """The None test below covers every write whose version parameter is ``expected_version`` (settings take a
    mapping, merges two versions: their own stale tests cover them)."""
    assert len(NONE_CHECKED) >= 0.8 * len(STALE_CALLS)


@pytest.mark.parametrize("qualname", NONE_CHECKED)
def test_a_write_given_none_for_the_version_is_a_conflict(qualname: str, sqlite_db_url: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Each two-writer entry run again with ``expected_version=None`` forced into the call: refused as a
    conflict naming who changed the record, never taken as "skip the check" (a form or a command that lost
    its version must not overwrite a colleague's save)."""
    from scpdesk.models.database import open_database

    owner, name = _owner_and_name(qualname)
    original = getattr(owner, name)
    signature = inspect.signature(original)

    from scpdesk.services.uow import ServiceContext

    theirs_saved: list[bool] = []
    unit_of_work = ServiceContext.unit_of_work

    def watching(self: ServiceContext) -> Any:
        if self.user == "them":
            theirs_saved.append(True)
        return unit_of_work(self)

    monkeypatch.setattr(ServiceContext, "unit_of_work", watching)

    def with_none(*args: Any, **kwargs: Any) -> Any:
        bound = signature.bind(*args, **kwargs)
        ctx = bound.arguments.get("ctx") or getattr(bound.arguments.get("self"), "ctx", None)
        # Only my save after their change loses its version (my set-up saves and theirs are as usual).
        if theirs_saved and getattr(ctx, "user", None) == "me":
            bound.arguments["expected_version"] = None
        return original(*bound.args, **bound.kwargs)

    monkeypatch.setattr(owner, name, with_none)
    for module in STALE_MODULES:  # entries that imported the function by name call it through their globals
        for key, value in list(vars(module).items()):
            if value is original:
                monkeypatch.setattr(module, key, with_none)
    module = next(m for m in STALE_MODULES if qualname in m.STALE_CALLS)
    runner = getattr(module, "refused_naming_them", None) or module.assert_refused_naming_them
    db = open_database(sqlite_db_url, user="tester")
    try:
        runner(db, STALE_CALLS[qualname])
    finally:
        db.dispose()
