from django.urls import path

from . import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("mine/", views.my_activities, name="mine"),
    path("attendance/", views.my_attendance, name="attendance"),
    path("new/", views.activity_create, name="create"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/do/<slug:action>/", views.activity_action, name="action"),
    path("<int:pk>/signin/", views.activity_signin, name="signin"),
    path("<int:pk>/code/", views.activity_code, name="code"),
    path("<int:pk>/sheet/", views.attendance_sheet, name="sheet"),
    path("<int:pk>/signin-sheet/", views.signin_sheet_docx, name="signin_docx"),
    path("leaves/<int:leave_id>/decide/", views.leave_decide, name="leave_decide"),
    path("plans/", views.plan_list, name="plans"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("groups/", views.group_list, name="groups"),
    path("speeches/", views.speech_list, name="speeches"),
    path("speeches/<int:pk>/", views.speech_detail, name="speech"),
    path("reports/", views.report_list, name="reports"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("settings/", views.settings_page, name="settings"),
]
