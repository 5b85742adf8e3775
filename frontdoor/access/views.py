"""Signing in and out, and the public health check."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from frontdoor.access.forms import SignInForm


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "access/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    # Django's LogoutView accepts POST only, so a link or an image cannot sign anyone out.
    template_name = "access/signed_out.html"


@login_not_required
@require_GET
@never_cache
def health(request: HttpRequest) -> HttpResponse:
    """For the load balancer: is the app up, and can it reach its database? No data returned."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
