"""Downloads: evidence files and the generated documents. Each is served only to those who may
see the underlying object — the plan's viewers, or a unit's aggregate readers — and anyone else
(anonymous included) gets 404, as NOT_FOUND in GraphQL: a download never reveals that an object
exists."""
from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from apps.organization import selectors as org
from apps.organization.models import OrgUnit

from .documents import evaluation as evaluation_document
from .documents import names, predicates, recap, skp
from .models import Evaluation, Evidence, PerformancePeriod
from .selectors import plans_visible_to, readable_unit, visible_plan_condition


def _signed_in(request):
    if not request.user.is_authenticated:
        raise Http404
    return request.user


def download_response(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    # Generated from live data: a shared cache must never keep one viewer's document for another.
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def evidence_download(request, pk: int):
    evidence = Evidence.objects.filter(
        visible_plan_condition(_signed_in(request), "realization__indicator__work_result__plan"), pk=pk).first()
    if evidence is None:
        raise Http404
    response = FileResponse(evidence.file.open("rb"), content_type=evidence.content_type, as_attachment=True,
                            filename=evidence.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"  # a plan's evidence: never kept by a shared cache
    return response


@require_GET
def plan_document(request, pk: int):
    plan = get_object_or_404(plans_visible_to(_signed_in(request)).select_related("employee"), pk=pk)
    return download_response(skp.render(plan), names.plan_filename(plan), names.PDF)


@require_GET
def evaluation_document_download(request, pk: int):
    evaluation = get_object_or_404(
        Evaluation.objects.select_related("plan__employee", "period").filter(
            visible_plan_condition(_signed_in(request))), pk=pk)
    return download_response(evaluation_document.render(evaluation), names.evaluation_filename(evaluation), names.PDF)


def readable_unit_or_404(request, unit_pk: int) -> OrgUnit:
    """A unit whose aggregates the viewer may read (HR of it, leaders at or above), else 404."""
    unit = readable_unit(_signed_in(request), unit_pk)
    if unit is None:
        raise Http404
    return unit


@require_GET
def predicates_document(request, unit_pk: int, period_pk: int):
    unit = readable_unit_or_404(request, unit_pk)
    period = get_object_or_404(PerformancePeriod, pk=period_pk)
    pdf = predicates.render(unit, period, org.personal_details_visible(request.user))
    return download_response(pdf, names.predicates_filename(unit, period), names.PDF)


@require_GET
def recap_download(request, unit_pk: int, year: int, period_pk: int | None = None):
    unit = readable_unit_or_404(request, unit_pk)
    period = get_object_or_404(PerformancePeriod, pk=period_pk, year=year) if period_pk is not None else None
    xlsx = recap.render(unit, year, period, org.personal_details_visible(request.user))
    return download_response(xlsx, names.recap_filename(unit, year, period), names.XLSX)
