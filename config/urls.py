"""URL wiring only. Each app owns its own urls.py."""

from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from config.api import api
from frontdoor.contacts.views import home

# One way in: the admin's own sign-in page would bypass the service's (and, later, its MFA).
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]
# The administrator lands here: it links their pages in the service (API tokens, second factor).
admin.site.index_template = "admin/frontdoor_index.html"

urlpatterns = [
    path("", home, name="home"),
    path("", include("frontdoor.access.urls")),
    path("contacts/", include("frontdoor.contacts.urls")),
    path("children/", include("frontdoor.people.urls")),
    path("oversight/", include("frontdoor.backlog.urls")),
    path("audits/", include("frontdoor.casework_audits.urls")),
    path("supervision/", include("frontdoor.oversight.urls")),
    path("guardrails/", include("frontdoor.guardrails.urls")),
    path("practice/", include("frontdoor.practice.urls")),
    path("governance/", include("frontdoor.governance.urls")),
    path("strategy/", include("frontdoor.strategy.urls")),
    path("visits/", include("frontdoor.visits.urls")),
    path("assessments/", include("frontdoor.assessments.urls")),
    path("referrals/", include("frontdoor.referrals.urls")),
    path("performance/", include("frontdoor.insight.urls")),
    path("returns/", include("frontdoor.returns.urls")),
    path("missing/", include("frontdoor.missing.urls")),
    path("police/", include("frontdoor.police.urls")),
    path("history/", include("frontdoor.history.urls")),
    path("enquiries/", include("frontdoor.enquiries.urls")),
    path("partners/", include("frontdoor.partners.urls")),
    path("handovers/", include("frontdoor.handovers.urls")),
    path("my-work/", include("frontdoor.mywork.urls")),
    path("administration/webhooks/", include("frontdoor.integration.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler403 = "frontdoor.govuk.views.forbidden"
handler404 = "frontdoor.govuk.views.not_found"
handler500 = "frontdoor.govuk.views.server_error"
