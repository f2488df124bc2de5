from django.urls import include, path

from xieshang.api.root import api
from xieshang.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accounts/", include("xieshang.accounts.urls")),
    path("proposals/", include("xieshang.proposals.urls")),
    path("organization/", include("xieshang.organization.urls")),
    path("handling/", include("xieshang.handling.urls")),
    path("inbox/", include("xieshang.notifications.urls")),
    path("reports/", include("xieshang.reports.urls")),
    path("supervision/", include("xieshang.supervision.urls")),
    path("opinions/", include("xieshang.opinions.urls")),
    path("activities/", include("xieshang.activities.urls")),
    path("appraisal/", include("xieshang.appraisal.urls")),
    path("public/", include("xieshang.publishing.urls")),
    path("api/v1/", api.urls),
]

handler404 = "xieshang.core.views.not_found"
handler403 = "xieshang.core.views.forbidden"
