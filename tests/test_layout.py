"""The test tree itself: pytest imports test files by basename (no packages here)."""

from __future__ import annotations

from collections import Counter

from tests.apptest import REPO


def test_no_two_test_files_share_a_basename() -> None:
    """Two ``test_x.py`` in different folders stop the whole collection with "import file
    mismatch"; a run of one folder alone would not notice."""
    names = Counter(path.name for path in (REPO / "tests").rglob("test_*.py"))
    assert [name for name, count in names.items() if count > 1] == []
