"""Public portal at /public/ (no login) and the staff pages at /public/manage/."""

from django.urls import path, register_converter

from . import views


class CommitteeSlug:
    """A committee's slug; `manage` is reserved for the staff pages."""

    regex = r"(?!manage/)[-a-zA-Z0-9_]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CommitteeSlug, "committee")

app_name = "publishing"
urlpatterns = [
    path("", views.public_index, name="index"),
    path("manage/", views.queue, name="queue"),
    path("manage/replies/<int:reply_id>/", views.decide, name="decide"),
    path("manage/replies/<int:reply_id>/preview/", views.preview, name="preview"),
    path("manage/decisions/", views.decisions, name="decisions"),
    path("manage/decisions/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<committee:slug>/", views.public_list, name="list"),
    path("<committee:slug>/<int:proposal_id>/", views.public_detail, name="detail"),
]
