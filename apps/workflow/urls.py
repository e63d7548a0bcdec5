from django.urls import path

from . import views

app_name = "workflow"
urlpatterns = [
    path("", views.definition_list, name="definitions"),
    path("baru/", views.definition_new, name="definition-new"),
    path("definisi/<int:pk>/", views.definition_edit, name="definition"),
    path("instans/", views.instance_list, name="instances"),
    path("instans/<int:pk>/", views.instance_view, name="instance"),
]
