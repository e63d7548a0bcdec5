from django.contrib import admin
from django.urls import include, path, re_path

from apps.accounts.views import login_page, logout_page
from apps.core.views import APP_ROUTES, app_page
from apps.performance.views import evidence_download
from schema.view import KinerjaGraphQLView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("graphql/", KinerjaGraphQLView.as_view(), name="graphql"),
    path("evidence/<int:pk>/", evidence_download, name="evidence-download"),
    path("masuk/", login_page, name="login"),
    path("keluar/", logout_page, name="logout"),
    path("proses/", include("apps.workflow.urls")),
    # The browser app (frontend/): its page at / and at each of its routes.
    path("", app_page, name="app"),
    re_path(rf"^(?:{'|'.join(APP_ROUTES)})(?:/.*)?$", app_page),
]
