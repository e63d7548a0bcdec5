"""Evidence downloads: only for those who may see the plan (else 404, like NOT_FOUND)."""
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from .models import Evidence
from .selectors import plans_visible_to


@require_GET
def evidence_download(request, pk: int):
    if not request.user.is_authenticated:
        raise Http404
    evidence = Evidence.objects.filter(
        pk=pk, realization__indicator__work_result__plan__in=plans_visible_to(request.user)).first()
    if evidence is None:
        raise Http404
    response = FileResponse(evidence.file.open("rb"), content_type=evidence.content_type, as_attachment=True,
                            filename=evidence.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
