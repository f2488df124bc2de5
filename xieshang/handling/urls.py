from django.urls import path

from . import views

app_name = "handling"
urlpatterns = [
    path("", views.case_list, name="cases"),
    path("desk/", views.desk, name="desk"),
    path("assign/", views.assign_bulk, name="assign_bulk"),
    path("assign/<int:proposal_id>/", views.assign_one, name="assign_one"),
    path("assign/<int:proposal_id>/advice/", views.assign_advice, name="assign_advice"),
    path("routing/train/", views.routing_train, name="routing_train"),
    path("routing/panel/", views.routing_panel, name="routing_panel"),
    path("unit/", views.unit_home, name="unit"),
    path("assignments/<int:pk>/", views.assignment_page, name="assignment"),
    path("assignments/<int:pk>/reply-check/", views.reply_self_check, name="reply_check"),
    path("assignments/<int:pk>/decide-return/", views.return_decision,
         name="return_decision"),
    path("assignments/<int:pk>/<str:action>/", views.assignment_action,
         name="assignment_action"),
    path("replies/<int:pk>/<str:action>/", views.reply_action, name="reply_action"),
    path("cosigns/<int:pk>/", views.cosign_action, name="cosign"),
    path("extensions/<int:pk>/", views.extension_decision, name="extension_decision"),
    path("cases/<int:pk>/", views.case_page, name="case"),
    path("cases/<int:pk>/<str:action>/", views.case_action, name="case_action"),
]
