from django.urls import path

from . import views

app_name = "organization"
urlpatterns = [
    path("import/", views.import_view, name="import"),
]
