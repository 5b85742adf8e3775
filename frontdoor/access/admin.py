"""The Django admin never shows or changes anyone's second factor (issue 13).

django-otp registers admin pages for its devices. They show an authenticator's secret key (on
the add page, and as a QR code), list and add recovery codes, and let a member of staff give
any user a device whose key they know: a way round the second factor for whoever can reach the
admin. They are removed here; this app is listed after django-otp's plugins in INSTALLED_APPS,
so its admin module is imported after theirs.

What an administrator needs instead is a reset of someone's second factor, which is not built
yet: see docs/security.md.
"""

from __future__ import annotations

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

for model in (TOTPDevice, StaticDevice, StaticToken):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
