"""The work-results table the SKP and the evaluation share: the main results (A. UTAMA), then the
additional ones (B. TAMBAHAN), each section numbered from 1 and shown with a "-" row when empty;
a top official's (JPT) results grouped under their perspective (PermenPANRB 6/2022); each result
shaded as one group across its indicator rows, its own columns spanning those rows.

The documents differ only in their columns and in what a row of a result's indicator shows."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape

from reportlab.platypus import Table

from ..models import Indicator, Perspective
from . import data
from .layout import grid_table, may_span, para, rich, widths

# A result's indicator row: (its number in the section, the result, the indicator or None for a
# result without any) -> one cell per column.
RowCells = Callable[[int, data.ResultRow, Indicator | None], list]

PERSPECTIVE_ORDER = [*Perspective.values, ""]  # results without one last


def _perspective_row(perspective: str, width: int) -> list:
    label = Perspective(perspective).label if perspective else "Tanpa perspektif"
    return [rich(f"<b>Perspektif: {escape(str(label))}</b>")] + [""] * (width - 1)


def _plain(cell) -> str:
    return cell.getPlainText() if hasattr(cell, "getPlainText") else str(cell)


def sectioned_results_table(results: list[data.ResultRow], *, columns: Sequence[tuple[str, float]],
                            row_cells: RowCells, spanned: Sequence[int], by_perspective: bool) -> Table:
    """``columns``: (header, width as a fraction) each; ``row_cells`` gives every indicator row in
    full, and the ``spanned`` columns (the result's own: its number, text, ...) are kept from its
    first row only and span the rest, which keeps a result whole when the table breaks across
    pages. ``by_perspective``: group the results of each section by perspective (JPT)."""
    width = len(columns)
    body, groups, headings, spans = [], [], [], []
    main, additional = data.split_by_type(results)
    for title, rows in (("A. UTAMA", main), ("B. TAMBAHAN", additional)):
        headings.append(len(body))
        body.append([rich(f"<b>{title}</b>")] + [""] * (width - 1))
        groups.append(0)
        if not rows:
            body.append([para("-", "cell_center")] + [para("-") for _ in range(width - 1)])
            groups.append(0)
            continue
        if by_perspective:
            rows = sorted(rows, key=lambda r: PERSPECTIVE_ORDER.index(r.result.perspective))
        perspective = None
        for number, row in enumerate(rows, 1):
            if by_perspective and row.result.perspective != perspective:
                perspective = row.result.perspective
                headings.append(len(body))
                body.append(_perspective_row(perspective, width))
                groups.append(0)
            first = len(body)
            for index, indicator in enumerate(row.indicators or [None]):
                cells = row_cells(number, row, indicator)
                body.append(cells if index == 0 else ["" if col in spanned else cell for col, cell in enumerate(cells)])
                groups.append(number)
            last = len(body) - 1
            # A spanned cell cannot split across pages: a long one is left unspanned (layout.SPAN_LIMIT).
            if last > first and may_span(*(_plain(body[first][col]) for col in spanned)):
                spans += [(col, first, last) for col in spanned]
    return grid_table([header for header, _ in columns], body, widths(*(share for _, share in columns)),
                      zebra_groups=groups, section_rows=headings, row_spans=spans)
