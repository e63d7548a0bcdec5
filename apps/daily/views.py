"""Downloads of daily progress: the R-DISCIPLINE XLSX of a unit and month. As every document
download (apps/performance/views.py): for HR of the unit and the leaders of the unit or above,
404 for anyone else, anonymous included, and for a month that does not exist."""
from __future__ import annotations

from django.http import Http404
from django.views.decorators.http import require_GET

from apps.core.errors import BadInput
from apps.organization.selectors import personal_details_visible
from apps.performance.documents import names
from apps.performance.views import download_response, readable_unit_or_404

from . import discipline_xlsx
from .discipline import month_bounds


@require_GET
def discipline_download(request, unit_pk: int, year: int, month: int):
    unit = readable_unit_or_404(request, unit_pk)
    try:
        month_bounds(year, month)
    except BadInput:
        raise Http404 from None
    workbook = discipline_xlsx.render(unit, year, month, personal_details_visible(request.user))
    return download_response(workbook, discipline_xlsx.filename(unit, year, month), names.XLSX)
