from django.urls import path

from . import views

app_name = "proposals"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("all/", views.all_proposals, name="all"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/duplicates/", views.review_duplicates, name="review_duplicates"),
    path("review/groups/", views.review_groups, name="review_groups"),
    path("similar/", views.similar, name="similar"),
    path("hints/", views.hints, name="hints"),
    path("new/", views.create, name="create"),
    path("invitations/", views.invitations, name="invitations"),
    path("invitations/<int:proposer_id>/<str:answer>/", views.invitation_answer,
         name="invitation_answer"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/invite/", views.invite, name="invite"),
    path("<int:pk>/revoke/<int:proposer_id>/", views.revoke, name="revoke"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("<int:pk>/attachments/<int:attachment_id>/", views.attachment_download,
         name="attachment_download"),
]
