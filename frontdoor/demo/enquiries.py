"""Demo consent and MASH enquiries: families with the hubs whose consent is recorded (one waiting
for a manager to authorise proceeding without it, one authorised), requests to the police and
health, most police requests answered, some health requests overdue, chased and escalated; and a
referral the police sent online. Priya (police) and Hannah (health) sign in to their queues.

Synthetic; put through the real actions at the moments they would have happened, so every due
time, chaser and status is the system's own.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from unittest import mock

from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.agencies.models import Agency
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts import actions as contact_actions
from frontdoor.contacts.models import FamilyContact
from frontdoor.demo.seed import at
from frontdoor.enquiries import actions
from frontdoor.enquiries.models import Enquiry, ListedReason, ReasonList
from frontdoor.enquiries.workflow import ConsentPosition, EnquiryStatus
from frontdoor.people.models import Sex

QUESTION = (
    "Is the child, or anyone in the household, known to your agency? Please share any "
    "incidents, concerns or current involvement in the last two years, and any known risks."
)
ANSWERS = {
    "police": [
        ("yes", "Two call-outs to the address this year for verbal arguments.", "None known"),
        (
            "yes",
            "Father arrested in 2024 for assault on a previous partner; no further action.",
            "History of violence towards partners.",
        ),
        ("no", "Checked the police national computer and local systems: nothing held.", ""),
    ],
    "health": [
        (
            "yes",
            "Registered with Riverside GP; missed two health visitor appointments.",
            "Mother reported low mood at the last contact.",
        ),
        ("no", "Not known to health visiting or school nursing.", ""),
    ],
}

HALF_HOUR = timedelta(minutes=30)

# Demo history is not news: no mailbox hears about it while it is seeded.
QUIET = mock.patch(
    "django.conf.settings.EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend"
)


def seed_enquiries(users: dict[str, User], rng: random.Random) -> None:
    police = Agency.objects.get(name="Wessex Police")
    health = Agency.objects.get(name="Wessex Community Health (health visiting)")
    now = timezone.now()
    families = list(
        FamilyContact.objects.filter(contacts__status__in=actions.WITH_THE_HUB)
        .distinct()
        .order_by("received_at")
    )
    with QUIET:
        for index, family in enumerate(families):
            # Ten minutes after the contact reached the hub, as seed.py walked it there: three
            # steps into its life, a step being a sixth of its age (at most three days).
            age = now - family.received_at
            step = max(timedelta(minutes=10), min(age, timedelta(days=3)) / 6)
            started = min(family.received_at + 3 * step + timedelta(minutes=10), now - HALF_HOUR)
            if index == 0:
                _record_consent(users, family, started, refused=True)
                continue  # waiting for a manager: Maya authorises or declines it
            _record_consent(users, family, started, refused=index == 1)
            if index == 1:
                with at(started + timedelta(minutes=5)):
                    actions.authorise_without_consent(
                        by=users["maya"],
                        family=family,
                        note="Agreed: asking would put the children at risk",
                    )
            sent_at = started + timedelta(minutes=10)
            with at(sent_at):
                sent = actions.send_enquiries(
                    by=users["hamid"],
                    family=family,
                    request=actions.EnquiryRequest(
                        agencies=[police, health],
                        question=QUESTION,
                        lawful_basis=_lawful_basis(),
                        send_key=f"demo-{family.pk}",
                    ),
                )
            for enquiry in sent:
                _maybe_answer(users, enquiry, rng, now)
        _run_the_clock(now)
        _police_referral(users["priya"], police, now)


def _lawful_basis() -> ListedReason:
    found = ListedReason.objects.filter(reason_list=ReasonList.LAWFUL_BASIS, active=True).first()
    assert found is not None  # seeded by enquiries/migrations/0002
    return found


def _record_consent(
    users: dict[str, User], family: FamilyContact, moment: datetime, *, refused: bool
) -> None:
    reason = ListedReason.objects.filter(reason_list=ReasonList.WITHOUT_CONSENT).first()
    with at(moment):
        actions.record_consent(
            by=users["hamid"],
            family=family,
            details=actions.ConsentDetails(
                position=ConsentPosition.REFUSED if refused else ConsentPosition.GIVEN,
                person_asked="The children's mother",
                decided_at=moment - timedelta(minutes=15),
                without_consent_reason=reason if refused else None,
                without_consent_detail=(
                    "Mother's partner is the alleged abuser and reads her messages."
                    if refused
                    else ""
                ),
            ),
        )


def _maybe_answer(
    users: dict[str, User], enquiry: Enquiry, rng: random.Random, now: datetime
) -> None:
    """The police answer most requests, usually in time; health answers about a third."""
    kind = "police" if enquiry.agency.kind == "police" else "health"
    if rng.random() > (0.8 if kind == "police" else 0.35):
        return
    if enquiry.due_at < now and rng.random() < 0.3:
        answered_at = enquiry.due_at + (now - enquiry.due_at) * rng.uniform(0.1, 0.6)  # late
    else:
        answered_at = enquiry.sent_at + (min(enquiry.due_at, now) - enquiry.sent_at) * rng.uniform(
            0.2, 0.9
        )
    known, summary, risks = rng.choice(ANSWERS[kind])
    with at(answered_at):
        actions.answer_enquiry(
            by=users["priya" if kind == "police" else "hannah"],
            enquiry=enquiry,
            details=actions.AnswerDetails(
                known=known,
                summary=summary,
                known_risks=risks,
                idempotency_key=f"demo-{enquiry.pk}",
            ),
        )


def _run_the_clock(now: datetime) -> None:
    """Run the sweep as it would have run: each overdue request is chased a quarter of an hour
    after its due time, and escalated a quarter of an hour after its second interval ran out."""
    overdue = Enquiry.objects.filter(status=EnquiryStatus.SENT, due_at__lt=now).order_by("due_at")
    for enquiry in overdue:
        moment = min(enquiry.due_at + timedelta(minutes=15), now)
        with at(moment):
            actions.chase_overdue_enquiries(now=moment)
        enquiry.refresh_from_db()
        if enquiry.escalate_at is not None and enquiry.escalate_at < now:
            moment = min(enquiry.escalate_at + timedelta(minutes=15), now)
            with at(moment):
                actions.escalate_chased_enquiries(now=moment)


def _police_referral(priya: User, police: Agency, now: datetime) -> None:
    """A referral Priya's force sent online this morning: her agency's referrals list."""
    received = now - timedelta(hours=2)
    with at(received):
        contact_actions.receive_contact(
            by=priya,
            details=contact_actions.ContactDetails(
                received_at=received,
                referral_source=police.referral_source,
                agency=police,
                referrer_name="PC Priya Shah",
                referrer_role="Police constable, Westbury response team",
                referrer_organisation=police.name,
                narrative=(
                    "Officers attended a domestic incident at 02:00. Two children were in the "
                    "house; the older, Kai, said he hid in the bathroom with his sister."
                ),
                family_knows="yes",
                concern_categories=[
                    Code.objects.get(code_list=CodeList.CONCERN_CATEGORY, code="DA")
                ],
                children=[
                    contact_actions.ChildDetails(
                        first_name="Kai",
                        last_name="Fenwick",
                        sex=Sex.MALE,
                        date_of_birth=(now - timedelta(days=9 * 365)).date(),
                        postcode="WX4 7QP",
                    )
                ],
                idempotency_key="demo-police-referral",
            ),
        )
