"""The Django admin never shows or changes anyone's second factor (issue 13).

django-otp registers admin pages for its devices. They show an authenticator's secret key (on
the add page, and as a QR code), list and add recovery codes, and let a member of staff give
any user a device whose key they know: a way round the second factor for whoever can reach the
admin. They are removed here; this app is listed after django-otp's plugins in INSTALLED_APPS,
so its admin module is imported after theirs.

What an administrator needs instead is a reset (`actions.reset_second_factor`, on the page at
/administration/second-factor/reset/): the person's app and recovery codes are deleted, their
sessions end, the reset is audited, and they set up a new app at their next sign-in.
"""

from __future__ import annotations

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

for model in (TOTPDevice, StaticDevice, StaticToken):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
