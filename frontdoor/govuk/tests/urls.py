"""URLs for the govuk app's tests only (ROOT_URLCONF is overridden to this module)."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.urls import include, path

from . import pages


@login_not_required
def forbidden_view(request):  # type: ignore[no-untyped-def]
    raise PermissionDenied


access_urls = ([path("sign-out/", pages.placeholder, name="sign-out")], "access")
contacts_urls = (
    [
        path("", pages.placeholder, name="screening-queue"),
        path("new/", pages.placeholder, name="new"),
    ],
    "contacts",
)

urlpatterns = [
    path("", pages.placeholder, name="home"),
    path("form/", pages.form_page, name="form"),
    path("signed-in/", pages.signed_in_page, name="signed-in"),
    path("database-down/", pages.database_down),
    path("database-dropped/", pages.database_dropped),
    path("broken/", pages.broken),
    path("forbidden/", forbidden_view),
    path("access/", include(access_urls)),
    path("contacts/", include(contacts_urls)),
]

handler403 = "frontdoor.govuk.views.forbidden"
handler404 = "frontdoor.govuk.views.not_found"
handler500 = "frontdoor.govuk.views.server_error"
