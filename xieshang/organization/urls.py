from django.urls import path

from . import views

app_name = "organization"
urlpatterns = [
    path("import/", views.import_view, name="import"),
    path("import/template/", views.import_template, name="import_template"),
    path("members/", views.members, name="members"),
    path("members/export/", views.members_export, name="members_export"),
    path("members/docx/", views.members_docx, name="members_docx"),
    path("units/", views.units, name="units"),
    path("units/export/", views.units_export, name="units_export"),
]
