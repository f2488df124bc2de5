from django.urls import path

from . import views

app_name = "supervision"
urlpatterns = [
    path("", views.key_list, name="list"),
    path("new/", views.key_create, name="create"),
    path("decide/", views.key_decide_many, name="decide_many"),
    path("<int:pk>/", views.key_detail, name="detail"),
    path("<int:pk>/decide/", views.key_decide, name="decide"),
    path("<int:pk>/complete/", views.key_complete, name="complete"),
    path("<int:pk>/leaders/", views.leader_add, name="leader_add"),
    path("<int:pk>/leaders/<int:leader_id>/remove/", views.leader_remove,
         name="leader_remove"),
    path("<int:pk>/activities/", views.activity_add, name="activity_add"),
    path("<int:pk>/instructions/", views.instruction_add, name="instruction_add"),
    path("excellent/", views.excellent_list, name="excellent"),
    path("excellent/new/", views.excellent_create, name="excellent_create"),
    path("excellent/decide/", views.excellent_decide, name="excellent_decide"),
]
