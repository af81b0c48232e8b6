"""tools/group_services.py, the re-runnable move of the service modules into their areas: it finds every
reference by module path (an import another branch adds later included), re-expresses relative imports from a
moved file's new place, and changes nothing on a tree already moved."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("group_services", ROOT / "tools" / "group_services.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["group_services"] = module
    spec.loader.exec_module(module)
    return module


def _mover(tool: ModuleType, *, moved: bool) -> object:
    mover = tool.Mover()
    mover.pending = set() if moved else set(mover.area)
    return mover


def _both(tool: ModuleType, mover: object, path: Path, text: str) -> str:
    return mover.rewrite_text(mover.rewrite_imports(path, text))  # type: ignore[attr-defined]


def test_every_kind_of_reference_moves_and_a_second_run_changes_nothing(tool: ModuleType) -> None:
    services = ROOT / "scpdesk" / "services"
    before = {
        services / "workflow.py": (
            "from ..models.enums import Route\n"
            "from .dto import Changes\n"
            "from .referrals import ReferralService\n"
            "from .meetings import MeetingService\n"
            "from . import next_due\n"),
        services / "uow.py": "from . import access, next_due  # noqa: F401\n",
        ROOT / "scpdesk" / "ui" / "tabs.py": (
            "from ..services.referrals import ReferralInput\n"
            "from ..services import storage, unlock as unlocking\n"
            "from ..services import library as lib\n"),
        ROOT / "tests" / "test_x.py": (
            "from scpdesk.services import ServiceContext, referral_io, spreadsheet\n"
            'patch("scpdesk.services.workflow.WorkflowService.record_sin")\n'
            'NAMES = ["scpdesk.services.referrals.ReferralService.update", "scpdesk.services.settings.x"]\n'
            "# see scpdesk/services/next_due.py and services/closures.py\n"
            'WRITER = """\n    from scpdesk.services.referrals import ReferralInput\n"""\n'),
    }
    after = {
        services / "workflow.py": (
            "from ...models.enums import Route\n"
            "from ..dto import Changes\n"
            "from .referrals import ReferralService\n"
            "from ..panel.meetings import MeetingService\n"
            "from . import next_due\n"),
        services / "uow.py": "from . import access\nfrom .referrals import next_due  # noqa: F401\n",
        ROOT / "scpdesk" / "ui" / "tabs.py": (
            "from ..services.referrals.referrals import ReferralInput\n"
            "from ..services import storage, unlock as unlocking\n"
            "from ..services.library import library as lib\n"),
        ROOT / "tests" / "test_x.py": (
            "from scpdesk.services import ServiceContext, spreadsheet\n"
            "from scpdesk.services.referrals import referral_io\n"
            'patch("scpdesk.services.referrals.workflow.WorkflowService.record_sin")\n'
            'NAMES = ["scpdesk.services.referrals.referrals.ReferralService.update", "scpdesk.services.settings.x"]\n'
            "# see scpdesk/services/referrals/next_due.py and services/organisation/closures.py\n"
            'WRITER = """\n    from scpdesk.services.referrals.referrals import ReferralInput\n"""\n'),
    }
    first = _mover(tool, moved=False)
    for path, text in before.items():
        assert _both(tool, first, path, text) == after[path], path
    # On the moved tree (the files at their new places), nothing changes.
    again = _mover(tool, moved=True)
    new_place = {services / "workflow.py": services / "referrals" / "workflow.py"}
    for path, text in after.items():
        assert _both(tool, again, new_place.get(path, path), text) == text, path


def test_an_old_style_import_another_branch_adds_after_the_move_is_caught(tool: ModuleType) -> None:
    mover = _mover(tool, moved=True)
    ui = ROOT / "scpdesk" / "ui" / "tabs.py"
    assert _both(tool, mover, ui, "from ..services.referrals import ReferralService\n") == (
        "from ..services.referrals.referrals import ReferralService\n")
    assert _both(tool, mover, ui, "from ..services.workflow import WorkflowService\n") == (
        "from ..services.referrals.workflow import WorkflowService\n")
    # The area package itself, named as a package, stays.
    assert _both(tool, mover, ui, "from ..services.referrals import workflow\n") == (
        "from ..services.referrals import workflow\n")
    # Code in a string (a script a test runs in another process) is read by its words.
    script = 'WRITER = """\nfrom scpdesk.services.referrals import (ReferralInput,\n    ReferralService as S)\n"""\n'
    moved = script.replace("services.referrals import", "services.referrals.referrals import")
    assert _both(tool, mover, ui, script) == moved
    assert _both(tool, mover, ui, 'X = "from scpdesk.services.library import actions as a, reviews"\n') == (
        'X = "from scpdesk.services.library import actions as a, reviews"\n')


def test_a_line_the_longer_path_pushes_past_the_limit_is_rewrapped(tool: ModuleType) -> None:
    key = "scpdesk.services.referrals.referrals.ReferralService.identities"
    text = f'X = {{\n    "{key}": "reads; appends an identity read audit row for each child of the referral",\n}}\n'
    assert len(text.split("\n")[1]) > tool.LIMIT
    wrapped, left = tool.reflow(text, {1})
    assert left == []
    assert all(len(line) <= tool.LIMIT for line in wrapped.split("\n"))
    found: dict[str, dict[str, str]] = {}
    exec(compile(wrapped, "<wrapped>", "exec"), found)
    assert found["X"][key] == "reads; appends an identity read audit row for each child of the referral"
    # Outside brackets a new line would end the statement: such a line is left, and said.
    alone = f'Y = "{key} reads; appends an identity read audit row for each child of the referral"\n'
    assert tool.reflow(alone, {0}) == (alone, [0])
