"""What the signed documents share: the paper (A4 or F4 from settings), margins, fonts and
styles, tables whose header repeats on every page, the DRAFT watermark, "Halaman 1 dari N",
the place-and-date line and the signature blocks.

reportlab's built-in Helvetica needs no font file, but it only has the WinAnsi (cp1252)
characters: enough for Indonesian, its dashes and quotes; anything else a user typed
("≥", "→", emoji) is spelled out or replaced by ``clean`` so that no glyph silently disappears.
"""
from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Sequence
from xml.sax.saxutils import escape

from django.conf import settings
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from . import names

PAPERS = {"A4": A4, "F4": (215 * mm, 330 * mm)}  # F4: folio, common in regional offices
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 18 * mm, 15 * mm, 18 * mm

FONT, BOLD, ITALIC = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
HEADER_FILL = colors.HexColor("#d9d9d9")
SECTION_FILL = colors.HexColor("#efefef")
ZEBRA_FILL = colors.HexColor("#f7f7f7")
GRID = colors.HexColor("#404040")


# Characters outside WinAnsi that people do type, spelled with what the font has.
REPLACEMENTS = {"≥": ">=", "≤": "<=", "≠": "!=", "→": "->", "←": "<-", "×": "x", "√": "v", "✓": "v",
                "‐": "-", "‑": "-", "−": "-", "\u00a0": " ", "\u200b": ""}


def clean(text: object) -> str:
    """Text the built-in fonts can show: WinAnsi characters kept, a few symbols spelled out,
    accents folded, and anything else shown as '?' (never dropped silently)."""
    out = []
    for char in str(text if text is not None else ""):
        char = REPLACEMENTS.get(char, char)
        try:
            char.encode("cp1252")
        except UnicodeEncodeError:
            folded = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            char = folded or "?"
        out.append(char)
    return "".join(out)


def markup(text: object) -> str:
    """User text as Paragraph markup: escaped, line breaks kept."""
    return escape(clean(text)).replace("\r\n", "\n").replace("\n", "<br/>")


def page_size() -> tuple[float, float]:
    return PAPERS[settings.KINERJA_DOCUMENT_PAPER]


def frame_width() -> float:
    return page_size()[0] - 2 * MARGIN_X


# --- styles -------------------------------------------------------------------------------------

def _style(name: str, **kw) -> ParagraphStyle:
    base = {"fontName": FONT, "fontSize": 9, "leading": 11.5, "alignment": TA_LEFT}
    return ParagraphStyle(name, **{**base, **kw})


STYLES = {
    "title": _style("title", fontName=BOLD, fontSize=13, leading=16, alignment=TA_CENTER),
    "subtitle": _style("subtitle", fontName=BOLD, fontSize=10, leading=13, alignment=TA_CENTER),
    "center": _style("center", alignment=TA_CENTER),
    "heading": _style("heading", fontName=BOLD, fontSize=10, leading=13, spaceBefore=8, spaceAfter=3),
    "body": _style("body"),
    "cell": _style("cell", fontSize=8, leading=10),
    "cell_bold": _style("cell_bold", fontName=BOLD, fontSize=8, leading=10),
    "cell_center": _style("cell_center", fontSize=8, leading=10, alignment=TA_CENTER),
    "cell_head": _style("cell_head", fontName=BOLD, fontSize=8, leading=10, alignment=TA_CENTER),
    "cell_small": _style("cell_small", fontName=ITALIC, fontSize=7, leading=8.5, textColor=colors.HexColor("#333333")),
    "sign": _style("sign", fontSize=9.5, leading=12, alignment=TA_CENTER),
    "sign_name": _style("sign_name", fontName=BOLD, fontSize=9.5, leading=12, alignment=TA_CENTER),
}


def para(text: object, style: str = "cell") -> Paragraph:
    """A paragraph of user text (escaped)."""
    return Paragraph(markup(text), STYLES[style])


def rich(markup_text: str, style: str = "cell") -> Paragraph:
    """A paragraph of our own markup (<b>, <br/>); callers escape the user text in it."""
    return Paragraph(markup_text, STYLES[style])


def or_dash(text: object) -> str:
    return str(text).strip() if text is not None and str(text).strip() else "-"


# --- dates --------------------------------------------------------------------------------------

def indonesian_date(day: dt.date) -> str:
    """31 Januari 2026."""
    return names.in_indonesian(day, "j F Y")


def date_range(start: dt.date, end: dt.date) -> str:
    """1 Januari – 31 Desember 2026 (the year once when both ends share it)."""
    return f"{names.in_indonesian(start, 'j F' if start.year == end.year else 'j F Y')} – {indonesian_date(end)}"


def place_and_date(day: dt.date) -> str:
    """Tubei, 31 Januari 2026 (settings.KINERJA_DOCUMENT_PLACE)."""
    return f"{settings.KINERJA_DOCUMENT_PLACE}, {indonesian_date(day)}"


# --- tables -------------------------------------------------------------------------------------

def widths(*fractions: float) -> list[float]:
    """Column widths as fractions of the frame (they need not sum to exactly 1)."""
    total = sum(fractions)
    return [frame_width() * f / total for f in fractions]


def grid_table(header: Sequence[str] | None, rows: list[list], col_widths: list[float], *,
               extra: Sequence[tuple] = (), zebra_groups: Sequence[int] | None = None,
               section_rows: Sequence[int] = (), row_spans: Sequence[tuple[int, int, int]] = ()) -> Table:
    """A bordered table; a header (if any) repeated on every page it runs over. Body rows are
    counted from 0 after the header (``extra`` style commands count the header too).
    ``zebra_groups``: a group number per body row (e.g. one work result spanning its indicator
    rows) so that the shading alternates per group; ``section_rows``: body rows that are headings
    ("A. UTAMA"); ``row_spans``: (column, first body row, last body row) cells merged down."""
    head = [[rich(escape(h), "cell_head") for h in header]] if header else []
    offset = len(head)
    # splitInRow: a row taller than a page (nothing limits how much text people type) is split
    # across pages instead of failing the whole document.
    table = Table(head + rows, colWidths=col_widths, repeatRows=offset, hAlign="CENTER", splitInRow=1)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if head:
        commands += [("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL), ("VALIGN", (0, 0), (-1, 0), "MIDDLE")]
    if zebra_groups:
        for index, group in enumerate(zebra_groups):
            if group % 2:
                commands.append(("BACKGROUND", (0, index + offset), (-1, index + offset), ZEBRA_FILL))
    for index in section_rows:
        commands += [("SPAN", (0, index + offset), (-1, index + offset)),
                     ("BACKGROUND", (0, index + offset), (-1, index + offset), SECTION_FILL)]
    commands += [("SPAN", (column, first + offset), (column, last + offset)) for column, first, last in row_spans]
    table.setStyle(TableStyle(commands + list(extra)))
    return table


# A spanned cell cannot be split across pages: text longer than this (in characters, which in
# the narrowest spanned column still fits well within a page) is not spanned, so that its row
# can split (splitInRow) instead of failing the document.
SPAN_LIMIT = 1000


def may_span(*texts: object) -> bool:
    return sum(len(str(t or "")) for t in texts) <= SPAN_LIMIT


def label_table(rows: list[tuple[str, object]], label_width: float = 0.3) -> Table:
    """Label : value lines without borders (a document's identification block)."""
    data = [[rich(escape(label), "body"), rich(":", "body"), para(value, "body")] for label, value in rows]
    table = Table(data, colWidths=widths(label_width, 0.02, 1 - label_width - 0.02), hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table


def numbered_list(items: Sequence[str]) -> list[Paragraph]:
    if not items:
        return [para("-", "body")]
    return [rich(f"{n}.&nbsp;&nbsp;{markup(item)}", "body") for n, item in enumerate(items, 1)]


# --- signatures ---------------------------------------------------------------------------------

SIGNATURE_SPACE = 22 * mm


def signature_cell(role: str, person, date_line: str = "") -> list:
    """Date line (or a blank line, so both columns align), role, blank space to sign, the name
    underlined and the NIP. ``person``: data.Person or None (an empty post)."""
    name = f"<u>{markup(person.name)}</u>" if person else "(....................................)"
    number = f"{person.number_label}. {markup(person.nip)}" if person else "NIP. -"
    date = markup(date_line) if date_line else "&nbsp;"
    return [rich(date, "sign"), para(role, "sign"), Spacer(1, SIGNATURE_SPACE),
            rich(name, "sign_name"), rich(number, "sign")]


def signature_blocks(left: tuple[str, object] | None, right: tuple[str, object], date_line: str,
                     below: tuple[str, object] | None = None) -> KeepTogether:
    """Two columns (left, right; the place and date above the right one), optionally a third
    block centred below (e.g. the rater's supervisor), kept together on one page."""
    cells = [[signature_cell(*left) if left else "", signature_cell(*right, date_line=date_line)]]
    if below:
        cells.append([signature_cell(*below), ""])
    table = Table(cells, colWidths=widths(1, 1))
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 1), (-1, 1), 8)]
    if below:
        commands.append(("SPAN", (0, 1), (1, 1)))
    table.setStyle(TableStyle(commands))
    return KeepTogether([Spacer(1, 6 * mm), table])


# --- the document -------------------------------------------------------------------------------

def _canvas_class(*, draft: bool, footer: str):
    class DocumentCanvas(canvas.Canvas):
        """Pages are kept until the end, so that each can say "Halaman i dari N"; the watermark is
        drawn last and translucent, so that shaded table rows do not hide it."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFont(FONT, 7.5)
            self.setFillColor(colors.HexColor("#555555"))
            self.drawString(MARGIN_X, MARGIN_BOTTOM - 8 * mm, clean(footer))
            self.drawRightString(width - MARGIN_X, MARGIN_BOTTOM - 8 * mm, f"Halaman {number} dari {total}")
            if draft:
                self.setFillColor(colors.HexColor("#b00000"), alpha=0.13)
                self.setFont(BOLD, 120)
                self.translate(width / 2, height / 2)
                self.rotate(45)
                self.drawCentredString(0, -40, "DRAFT")
            self.restoreState()

    return DocumentCanvas


def build(story: list, *, title: str, footer: str, draft: bool) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=page_size(), leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=clean(title), author="Kinerja", creator="Kinerja", lang="id")
    document.build(story, canvasmaker=_canvas_class(draft=draft, footer=footer))
    return buffer.getvalue()


def heading(text: str) -> Paragraph:
    return rich(escape(text), "heading")


def title_block(*lines: str) -> list:
    """The centred title (first line) and its sub-lines."""
    return [rich(escape(lines[0]), "title"), *(rich(escape(clean(line)), "subtitle") for line in lines[1:]),
            Spacer(1, 4 * mm)]


# --- people and periods -------------------------------------------------------------------------

def person_lines(person) -> list[tuple[str, str]]:
    """The five lines of the form about a person (data.Person; None: an empty post)."""
    if person is None:
        return [("NAMA", "-"), ("NIP", "-"), ("PANGKAT/GOL. RUANG", "-"), ("JABATAN", "-"), ("UNIT KERJA", "-")]
    return [("NAMA", person.name), (person.number_label, person.nip), ("PANGKAT/GOL. RUANG", person.rank),
            ("JABATAN", person.position), ("UNIT KERJA", person.unit)]


def people_side_by_side(left: tuple[str, object], right: tuple[str, object]) -> Table:
    """NO | PEGAWAI YANG DINILAI | … || NO | PEJABAT PENILAI KINERJA | … (the SKP form's header)."""
    head = [rich("NO", "cell_head"), rich(escape(left[0]), "cell_head"), "",
            rich("NO", "cell_head"), rich(escape(right[0]), "cell_head"), ""]
    rows = [head]
    for n, ((l_label, l_value), (r_label, r_value)) in enumerate(
            zip(person_lines(left[1]), person_lines(right[1]), strict=True), 1):
        rows.append([para(n, "cell_center"), para(l_label), para(l_value), para(n, "cell_center"), para(r_label),
                     para(r_value)])
    return grid_table(None, rows, widths(0.045, 0.16, 0.295, 0.045, 0.16, 0.295), extra=[
        ("SPAN", (1, 0), (2, 0)), ("SPAN", (4, 0), (5, 0)), ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)])


def people_stacked(sections: Sequence[tuple[str, object]]) -> Table:
    """The evaluation form's header: each person's five lines under a numbered heading row."""
    rows, heads = [], []
    for n, (title, person) in enumerate(sections, 1):
        heads.append(len(rows))
        rows.append([rich(str(n), "cell_head"), rich(escape(title), "cell_bold"), ""])
        rows += [["", para(label), para(value)] for label, value in person_lines(person)]
    extra = [cmd for index in heads for cmd in (("SPAN", (1, index), (2, index)),
                                                 ("BACKGROUND", (0, index), (-1, index), SECTION_FILL))]
    return grid_table(None, rows, widths(0.045, 0.25, 0.705), extra=extra)


def period_name(period) -> str:
    """TRIWULAN I, SEMESTER II, BULAN MARET, or TAHUNAN for the year's evaluation (titles).
    Kept for predicates.py only: new callers use ``names.period_name(period).upper()``."""
    return names.period_name(period).upper()


def summary_table(rows: list[tuple[str, object]]) -> Table:
    """Bordered label | value lines for a document's verdicts (ratings, predicate)."""
    data = [[rich(escape(label), "cell_bold"), rich(f"<b>{markup(value)}</b>", "cell")] for label, value in rows]
    return grid_table(None, data, widths(0.4, 0.6), extra=[("BACKGROUND", (0, 0), (0, -1), SECTION_FILL)])
