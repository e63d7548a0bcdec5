from django.contrib import admin
from django.urls import include, path, re_path

from apps.accounts.views import login_page, logout_page
from apps.core.views import APP_ROUTES, app_page
from apps.daily import views as daily_views
from apps.performance import views as performance_views
from schema.view import KinerjaGraphQLView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("graphql/", KinerjaGraphQLView.as_view(), name="graphql"),
    path("evidence/<int:pk>/", performance_views.evidence_download, name="evidence-download"),
    path("evidence/daily/<int:pk>/", daily_views.entry_evidence_download, name="daily-evidence-download"),
    # Generated documents (apps/performance/documents): the GraphQL objects give these addresses.
    path("dokumen/skp/<int:pk>.pdf", performance_views.plan_document, name="document-plan"),
    path("dokumen/evaluasi/<int:pk>.pdf", performance_views.evaluation_document_download, name="document-evaluation"),
    path("dokumen/penetapan-predikat/<int:unit_pk>/<int:period_pk>.pdf", performance_views.predicates_document,
         name="document-predicates"),
    path("dokumen/rekap/<int:unit_pk>/<int:year>.xlsx", performance_views.recap_download, name="document-recap"),
    path("dokumen/rekap/<int:unit_pk>/<int:year>/<int:period_pk>.xlsx", performance_views.recap_download,
         name="document-recap-period"),
    path("dokumen/disiplin/<int:unit_pk>/<int:year>/<int:month>.xlsx", daily_views.discipline_download,
         name="document-discipline"),
    path("masuk/", login_page, name="login"),
    path("keluar/", logout_page, name="logout"),
    path("proses/", include("apps.workflow.urls")),
    # The browser app (frontend/): its page at / and at each of its routes.
    path("", app_page, name="app"),
    re_path(rf"^(?:{'|'.join(APP_ROUTES)})(?:/.*)?$", app_page),
]
