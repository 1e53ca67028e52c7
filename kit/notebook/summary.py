"""The steps of notebooks/county_summary.ipynb, as functions the notebook and `kit summary` share.

The notebook stays thin: it loads the summary, draws the charts and displays the page in the
cell tagged ``report`` (the kit's nbconvert template exports exactly that output, as for the
annual report). A second, untagged cell shows the key figures as a pandas table for whoever
works in JupyterLab; it is not part of the exported page. No papermill, no widgets here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kit.data.summary import CountySummary, build_summary
from kit.render.html import Chart
from kit.render.summary_page import render_summary


def load(parameters_root: str | Path, county: str, year: int) -> CountySummary:
    return build_summary(parameters_root, county, int(year))


def charts(summary: CountySummary) -> list[Any]:
    from kit.render.summary_charts import summary_charts

    return summary_charts(summary)


def page(summary: CountySummary, chart_list: Sequence[Chart] = ()) -> str:
    """The finished HTML page; the notebook displays it and the nbconvert template emits it."""
    return render_summary(summary, chart_list)


def side_by_side(summary: CountySummary) -> Any:
    """Bodies (rows) × key figures (columns, printed labels), with the county total as last row."""
    import pandas as pd

    rows: dict[str, dict[str, Any]] = {}
    labels: list[str] = []
    for b in summary.with_figures:
        for k in b.key:
            if k.label not in labels:
                labels.append(k.label)
            rows.setdefault(b.ref.body, {})[k.label] = k.value
    if summary.total is not None:
        from kit.data.summary import TEXT

        rows[TEXT["total_body"]] = {k.label: k.value for k in summary.total.key}
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=labels)
    return frame.apply(pd.to_numeric)
