from django.contrib import admin
from django.urls import path

from schema.view import KinerjaGraphQLView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("graphql/", KinerjaGraphQLView.as_view(), name="graphql"),
]
