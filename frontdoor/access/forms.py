"""Sign-in form, with GOV.UK-style messages. A wrong password and an unknown user get the same
message, so the form does not reveal which accounts exist."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from frontdoor.access.models import User
from frontdoor.govuk.forms import GovukForm


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "Enter a correct username and password",
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "spellcheck": "false"}
        )
        self.fields["password"].widget = forms.PasswordInput(
            attrs={"autocomplete": "current-password"}
        )

    def confirm_login_allowed(self, user: User) -> None:
        # A service account works only through the API, with a token. It has no usable
        # password, so it cannot get this far; this is the second lock. The same message as a
        # wrong password, so the form does not reveal which accounts exist.
        if user.is_service_account:
            raise self.get_invalid_login_error()
        super().confirm_login_allowed(user)


class CodeForm(GovukForm):
    """The second step of signing in: a code from the app, or a recovery code."""

    code = forms.CharField(
        label="Code",
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery "
        "codes if you do not have your app",
        max_length=40,
        error_messages={"required": "Enter the code from your authenticator app"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "spellcheck": "false",
                "autocapitalize": "none",
            }
        ),
    )


class AppCodeForm(GovukForm):
    """Confirming a new authenticator app with the first code it shows."""

    code = forms.CharField(
        label="Code from the app",
        help_text="The 6-digit code the app shows after you add the account",
        max_length=10,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


class StepUpForm(GovukForm):
    """Re-authentication before break-glass or an export: the password and a fresh code."""

    password = forms.CharField(
        label="Password",
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label="Code",
        help_text="A new code from your authenticator app, or a recovery code",
        max_length=40,
        error_messages={"required": "Enter the code from your authenticator app"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )


class BreakGlassForm(GovukForm):
    reason = forms.CharField(
        label="Why do you need to open this record now?",
        help_text="Your reason is recorded and sent to the information governance lead for "
        "review. For example, the child is at the front door with police and you need their "
        "history to decide what happens tonight.",
        min_length=10,
        max_length=2000,
        error_messages={
            "required": "Enter why you need to open this record",
            "min_length": "The reason must be at least 10 characters",
            "max_length": "The reason must be 2000 characters or fewer",
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )


# --- The system administrator's pages (issue 13) ------------------------------------------------


class ServiceAccountChoice(forms.ModelChoiceField):  # type: ignore[type-arg]  # not subscriptable
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name} ({obj.username})"


class PersonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]  # not subscriptable
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name} ({obj.username}, {obj.get_role_display()})"


class IssueApiTokenForm(GovukForm):
    account = ServiceAccountChoice(
        label="Service account",
        help_text="The other system's account. The token can do what the account's role allows.",
        queryset=User.objects.filter(is_service_account=True, is_active=True).order_by("username"),
        to_field_name="username",
        empty_label="Choose a service account",
        error_messages={"required": "Select the service account to issue a token to"},
    )
    name = forms.CharField(
        label="What is the token for?",
        help_text="For example, Wessex Police case system, production",
        max_length=100,
        error_messages={
            "required": "Enter what the token is for",
            "max_length": "What the token is for must be 100 characters or fewer",
        },
    )


def _reason(label: str, help_text: str, required: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": required,
            "min_length": "The reason must be at least 10 characters",
            "max_length": "The reason must be 2000 characters or fewer",
        },
    )


class RevokeApiTokenForm(GovukForm):
    reason = _reason(
        "Why are you revoking this token?",
        "It is recorded. For example, the token was pasted into an email, or the system has "
        "been replaced.",
        "Enter why you are revoking the token",
    )


class ResetSecondFactorForm(GovukForm):
    person = PersonChoice(
        label="Whose second factor?",
        queryset=User.objects.none(),
        to_field_name="username",
        empty_label="Choose a person",
        error_messages={"required": "Select the person whose second factor you are resetting"},
    )
    reason = _reason(
        "Why are you resetting it, and how did you check who asked?",
        "It is recorded. For example, lost phone; identity checked by a video call with their "
        "manager.",
        "Enter why you are resetting their second factor",
    )

    def __init__(self, *args: object, administrator: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # People only (a service account has no second factor), and never yourself.
        self.fields["person"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(is_active=True, is_service_account=False)
            .exclude(pk=administrator.pk)
            .order_by("last_name", "first_name", "username")
        )
