"""The big-list model fetches only the pages that are shown and never sorts in Python."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from scpdesk.ui.lazy_model import PAGE, LazyTableModel
from scpdesk.ui.table_model import Column


@dataclass(frozen=True)
class Item:
    id: int
    name: str


COLUMNS = [Column("id", "Id", lambda r: r.id), Column("name", "Name", lambda r: r.name)]


def make(n: int) -> tuple[LazyTableModel[Item], list[list[int]]]:
    asked: list[list[int]] = []

    def fetch(ids: list[int]) -> list[Item]:
        asked.append(list(ids))
        return [Item(i, f"name {i}") for i in reversed(ids)]  # any order: the model puts them in place

    model: LazyTableModel[Item] = LazyTableModel(COLUMNS, fetch)
    model.set_ids(list(range(n, 0, -1)))
    return model, asked


def test_rows_are_fetched_a_page_at_a_time_and_in_id_order(qtmodeltester) -> None:
    model, asked = make(100_000)
    assert model.rowCount() == 100_000 and asked == []
    assert model.data(model.index(0, 1)) == "name 100000"
    assert model.data(model.index(PAGE - 1, 0)) == str(100_000 - PAGE + 1)
    assert len(asked) == 1 and len(asked[0]) == PAGE
    model.data(model.index(50_000, 1))
    assert len(asked) == 2
    assert model.data(model.index(0, 0, ), Qt.ItemDataRole.UserRole) == 100_000
    small, _ = make(250)
    qtmodeltester.check(small)


def test_sorting_asks_the_owner_for_new_ids(qtbot) -> None:
    model, _ = make(10)
    with qtbot.waitSignal(model.sort_requested) as blocker:
        model.sort(1, Qt.SortOrder.DescendingOrder)
    assert blocker.args == ["name", True]


def test_invalidated_rows_are_fetched_again(qtbot) -> None:
    model, asked = make(10)
    model.data(model.index(3, 1))
    model.invalidate([7])
    model.data(model.index(3, 1))
    assert len(asked) == 2
    assert model.row_of_id(7) == 3 and model.id_at(3) == 7
