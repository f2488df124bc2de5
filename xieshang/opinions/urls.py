from django.urls import path

from . import views

app_name = "opinions"
urlpatterns = [
    path("", views.opinion_list, name="list"),
    path("new/", views.opinion_create, name="create"),
    path("<int:pk>/", views.opinion_detail, name="detail"),
    path("<int:pk>/update/", views.opinion_update, name="update"),
    path("<int:pk>/submit/", views.opinion_submit, name="submit"),
    path("<int:pk>/check/", views.opinion_check, name="check"),
    path("<int:pk>/office-edit/", views.opinion_office_edit, name="office_edit"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("<int:pk>/attachments/<int:attachment_id>/", views.attachment_download,
         name="attachment_download"),
    path("<int:pk>/attachments/<int:attachment_id>/delete/", views.attachment_delete,
         name="attachment_delete"),
    path("<int:pk>/transfer/", views.opinion_transfer, name="transfer"),
    path("similar/", views.similar, name="similar"),
    path("transfers/", views.transfers, name="transfers"),
    path("issues/", views.issue_list, name="issues"),
    path("issues/new/", views.issue_create, name="issue_create"),
    path("issues/compose/", views.issue_compose, name="issue_compose"),
    path("issues/<int:pk>/", views.issue_detail, name="issue"),
    path("issues/<int:pk>/docx/", views.issue_export, name="issue_docx"),
    path("issues/<int:pk>/entries/", views.entry_add, name="entry_add"),
    path("issues/<int:pk>/entries/<int:entry_id>/remove/", views.entry_remove,
         name="entry_remove"),
    path("issues/<int:pk>/entries/<int:entry_id>/move/", views.entry_move, name="entry_move"),
    path("issues/<int:pk>/entries/<int:entry_id>/adoptions/", views.adoption_add,
         name="adoption_add"),
    path("issues/<int:pk>/entries/<int:entry_id>/instructions/", views.instruction_add,
         name="instruction_add"),
    path("issues/<int:pk>/recipients/", views.issue_recipients, name="issue_recipients"),
    path("issues/<int:pk>/<str:action>/", views.issue_action, name="issue_action"),
    path("reporters/", views.reporters, name="reporters"),
    path("reporters/<int:reporter_id>/revoke/", views.reporter_revoke, name="reporter_revoke"),
]
