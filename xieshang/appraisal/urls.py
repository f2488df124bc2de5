from django.urls import path

from . import views

app_name = "appraisal"
urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("mine/", views.my_record, name="mine"),
    path("mine/ask/", views.question_ask, name="ask"),
    path("mine/confirm/", views.record_confirm, name="confirm"),
    path("mine/report/", views.my_report, name="my_report"),
    path("members/<int:member_id>/", views.member_record, name="member"),
    path("members/<int:member_id>/docx/", views.member_docx, name="member_docx"),
    path("rules/", views.rules_page, name="rules"),
    path("compute/", views.compute, name="compute"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/xlsx/", views.appraisal_xlsx, name="xlsx"),
    path("questions/<int:pk>/answer/", views.question_answer, name="answer"),
    path("decisions/", views.decision_record, name="decide"),
    path("reports/", views.report_list, name="reports"),
    path("reports/<int:pk>/", views.annual_report, name="annual_report"),
    path("settings/", views.settings_page, name="settings"),
]
