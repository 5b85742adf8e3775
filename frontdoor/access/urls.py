from django.urls import path

from frontdoor.access import administration, views

app_name = "access"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-in/code/", views.enter_code, name="second-factor"),
    path("sign-in/set-up-app/", views.set_up_app, name="set-up-app"),
    path("sign-in/recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("sign-in/recovery-codes/new/", views.new_recovery_codes, name="new-recovery-codes"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("confirm-it-is-you/", views.confirm_it_is_you, name="step-up"),
    path("session/keep/", views.keep_signed_in, name="keep-signed-in"),
    path("restricted/<uuid:person>/break-glass/", views.break_glass, name="break-glass"),
    path("health/", views.health, name="health"),
    # The system administrator's pages (frontdoor/access/administration.py).
    path("administration/api-tokens/", administration.api_tokens, name="api-tokens"),
    path("administration/api-tokens/new/", administration.issue_api_token, name="issue-api-token"),
    path(
        "administration/api-tokens/<uuid:token>/revoke/",
        administration.revoke_api_token,
        name="revoke-api-token",
    ),
    path(
        "administration/second-factor/reset/",
        administration.reset_second_factor,
        name="reset-second-factor",
    ),
]
