from django.urls import path

from . import summary_views, views

app_name = "reports"
urlpatterns = [
    path("stats/", views.stats_page, name="stats"),
    path("summary/", summary_views.summary_page, name="summary"),
    path("summary/docx/", summary_views.summary_word, name="summary-docx"),
    path("trace/", summary_views.trace_page, name="trace"),
    path("topics/", views.topics_page, name="topics"),
    path("topics/xlsx/", views.topics_xlsx, name="topics-xlsx"),
    path("topics/docx/", views.topics_docx, name="topics-docx"),
]
