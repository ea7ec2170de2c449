"""Guard against Qt binding builds that corrupt Python's refcount of None.

PySide6 6.12.0 drops a reference to None each time a Qt call returns an empty
QVariant to Python (QModelIndex.data(), QComboBox.currentData()); in a long
session Python then aborts with "none_dealloc". pyproject excludes that
release; this test fails if a bad build is installed anyway.
"""

from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on"
)


def test_empty_variants_keep_none_alive(qapp) -> None:
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QComboBox

    model = QStandardItemModel(1, 1)
    index = model.index(0, 0)
    combo = QComboBox()
    combo.addItem("x")
    before = sys.getrefcount(None)
    for _ in range(200):
        assert index.data() is None
        assert combo.currentData() is None
    assert sys.getrefcount(None) >= before - 5
