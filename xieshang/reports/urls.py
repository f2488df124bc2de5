from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("stats/", views.stats_page, name="stats"),
    path("topics/", views.topics_page, name="topics"),
    path("topics/xlsx/", views.topics_xlsx, name="topics-xlsx"),
    path("topics/docx/", views.topics_docx, name="topics-docx"),
]
