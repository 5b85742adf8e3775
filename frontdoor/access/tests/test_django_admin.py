"""The Django admin never shows, changes or adds anyone's second factor (issue 13): every page of
it, as a superuser, is searched for a user's authenticator key and recovery codes."""

from __future__ import annotations

import base64
import contextlib

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from frontdoor.access import second_factor
from frontdoor.access.models import Role
from frontdoor.access.tests.signing_in import TEST_KEY_HEX, give_app

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(make_user):
    return make_user("root", Role.ADMIN, is_staff=True, is_superuser=True)


def _secrets_of(user) -> list[str]:
    device = give_app(user)
    codes = second_factor.issue_recovery_codes(user)
    key_base32 = base64.b32encode(device.bin_key).decode().rstrip("=")
    return [TEST_KEY_HEX, key_base32, second_factor.secret_for_typing(device), *codes]


def _admin_pages() -> list[str]:
    """The index, each app's index, and each registered model's list, add and change pages."""
    pages = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        pages.append(reverse("admin:app_list", args=[meta.app_label]))
        pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        with contextlib.suppress(NoReverseMatch):  # a model that has no add page
            pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
        for pk in model_admin.get_queryset(None).values_list("pk", flat=True)[:3]:
            pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[pk]))
    return sorted(set(pages))


def test_no_admin_page_is_registered_for_second_factor_devices_or_codes():
    for model in (TOTPDevice, StaticDevice, StaticToken):
        assert not admin.site.is_registered(model), model


def test_superuser_cannot_see_anyones_authenticator_key_or_recovery_codes_in_the_admin(
    client, superuser, screener
):
    secrets = _secrets_of(screener)
    client.force_login(superuser)
    pages = _admin_pages()
    assert len(pages) > 10
    for page in pages:
        response = client.get(page)
        # Some models may not be added by hand (django-axes' records): a 403 page then.
        assert response.status_code in (200, 403), page
        html = response.content.decode()
        shown = [s for s in secrets if s.lower() in html.lower()]
        assert shown == [], f"{page} shows a second-factor secret"


@pytest.mark.parametrize(
    "path",
    [
        "/admin/otp_totp/totpdevice/",
        "/admin/otp_totp/totpdevice/add/",
        "/admin/otp_static/staticdevice/",
        "/admin/otp_static/staticdevice/add/",
    ],
)
def test_superuser_cannot_add_or_edit_a_second_factor_in_the_admin(client, superuser, path):
    client.force_login(superuser)
    assert client.get(path).status_code == 404
    assert client.post(path, {"user": superuser.pk, "key": TEST_KEY_HEX}).status_code == 404
    assert not TOTPDevice.objects.filter(key=TEST_KEY_HEX).exists()
