from django.contrib import admin
from django.urls import path

from apps.performance.views import evidence_download
from schema.view import KinerjaGraphQLView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("graphql/", KinerjaGraphQLView.as_view(), name="graphql"),
    path("evidence/<int:pk>/", evidence_download, name="evidence-download"),
]
