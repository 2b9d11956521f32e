"""The heatmap and the layout that stands in for it until Keras has computed its values."""

from __future__ import annotations

import numpy as np
import pytest

from convlab.lesson import charts

ROWS = ["0: it 's not", "1: 's not a"]
COLUMNS = ["f0", "f1", "f2"]
TITLES = {"row_title": "n-gram", "column_title": "filter", "value_title": "value"}


def marks(spec: dict) -> list[str]:
    return [layer["mark"]["type"] for layer in spec.get("layer", [spec])]


def test_layout_takes_the_heatmaps_place_without_its_values() -> None:
    values = np.arange(6.0).reshape(2, 3)
    heatmap = charts.heatmap(values, ROWS, COLUMNS, **TITLES).to_dict()
    layout = charts.heatmap_layout(ROWS, COLUMNS, **TITLES).to_dict()

    assert layout["height"] == heatmap["height"] == charts.ROW_HEIGHT * 4 + charts.AXIS_SPACE
    cells, dots, legend = heatmap["layer"][0], layout["layer"][0], layout["layer"][1]
    for axis in ("x", "y"):
        assert dots["encoding"][axis] == legend["encoding"][axis] == cells["encoding"][axis]
    assert marks(heatmap) == ["rect", "text"]
    assert marks(layout) == ["text", "point"]  # no rect: the cold-start bench waits for those
    assert dots["mark"]["text"] == charts.PENDING_MARK
    assert legend["mark"]["opacity"] == 0  # there for the heatmap's legend, never seen
    assert legend["encoding"]["color"]["title"] == cells["encoding"]["color"]["title"]
    assert legend["encoding"]["color"]["scale"]["scheme"] == "redblue"
    (data,) = layout["datasets"].values()
    assert [(d["row"], d["column"]) for d in data] == [(r, c) for r in ROWS for c in COLUMNS]


@pytest.mark.parametrize(("rows", "printed"), [(133, True), (134, False)])
def test_layout_marks_cells_only_while_the_heatmap_prints_values(rows, printed) -> None:
    labels = [str(i) for i in range(rows)]
    heatmap = charts.heatmap(np.zeros((rows, 3)), labels, COLUMNS, **TITLES)
    layout = charts.heatmap_layout(labels, COLUMNS, **TITLES).to_dict()
    assert (marks(heatmap.to_dict()) == ["rect", "text"]) is printed
    assert layout["layer"][0]["mark"]["text"] == (charts.PENDING_MARK if printed else "")
