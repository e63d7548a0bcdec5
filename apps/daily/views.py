"""Downloads of daily progress, as every download (apps/performance/views.py): 404 for anyone
who may not see the object, anonymous included, never a hint that it exists.

- the R-DISCIPLINE XLSX of a unit and month: for HR of the unit and the leaders of the unit or
  above (404 too for a month that does not exist);
- an entry's evidence file: for whoever may read the entry (entries_visible_to)."""
from __future__ import annotations

from django.http import Http404
from django.views.decorators.http import require_GET

from apps.core.errors import BadInput
from apps.organization.selectors import personal_details_visible
from apps.performance.documents import names
from apps.performance.views import download_response, readable_unit_or_404

from . import discipline_xlsx
from .discipline import month_bounds
from .entry_selectors import entries_visible_to
from .models import DailyEntryEvidence


@require_GET
def discipline_download(request, unit_pk: int, year: int, month: int):
    unit = readable_unit_or_404(request, unit_pk)
    try:
        month_bounds(year, month)
    except BadInput:
        raise Http404 from None
    workbook = discipline_xlsx.render(unit, year, month, personal_details_visible(request.user))
    return download_response(workbook, discipline_xlsx.filename(unit, year, month), names.XLSX)


@require_GET
def entry_evidence_download(request, pk: int):
    evidence = DailyEntryEvidence.objects.filter(entry__in=entries_visible_to(request.user), pk=pk).first()
    if evidence is None:
        raise Http404
    with evidence.file.open("rb") as stored:  # at most the evidence size limit (5 MB by default)
        return download_response(stored.read(), evidence.name, evidence.content_type)
