"""Input shape and GOV.UK-style error messages for the contact pages. No policy, no saving.

- `intake`: ReferrerForm, ConcernForm, ChildForm, AdultForm (a new contact's questions)
- `screening`: ScreeningForm, SendToHubForm
- `hub`: AnalysisForm, ReturnToHubForm
- `decision`: DecisionForm
- `fields`: version_field and the "Also apply to" siblings the stage forms share
"""

from frontdoor.contacts.forms.decision import DecisionForm
from frontdoor.contacts.forms.fields import ApplyToSiblingsMixin, SiblingsField, version_field
from frontdoor.contacts.forms.hub import AnalysisForm, ReturnToHubForm
from frontdoor.contacts.forms.intake import (
    POSTCODE,
    YES_NO,
    AdultForm,
    ChildForm,
    ConcernForm,
    ReferrerForm,
    referral_source_choices,
)
from frontdoor.contacts.forms.screening import ScreeningForm, SendToHubForm

__all__ = [
    "POSTCODE",
    "YES_NO",
    "AdultForm",
    "AnalysisForm",
    "ApplyToSiblingsMixin",
    "ChildForm",
    "ConcernForm",
    "DecisionForm",
    "ReferrerForm",
    "ReturnToHubForm",
    "ScreeningForm",
    "SendToHubForm",
    "SiblingsField",
    "referral_source_choices",
    "version_field",
]
