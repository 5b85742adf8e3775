"""No lost work on any form (issue 17; docs/adr/0032; frontdoor/access/kept_answers.py).

Every form that writes a record, taken from the permission matrix (each page POST a role may
make, with its valid body from tests/matrix_bodies.py): the user opens the page the form is on,
types the answers, and sends them after the session has timed out. They are sent to sign in
again, back to that page, and the page shows what they typed, ready to check and send again,
with nothing saved for them. A form with nothing typed (a button, or choices only) is left out:
there is nothing to lose. A new form joins this loop by being in the matrix, which every route
must be (tests/test_permission_matrix.py).

Also: kept answers are the typist's alone, and do not outlive the typist's right to the child.
"""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
import time_machine
from django.utils import timezone

from frontdoor.access import actions as access_actions
from frontdoor.access.kept_answers import GIVEN_BACK
from frontdoor.access.models import KeptAnswers, Role
from tests.matrix_bodies import page_body
from tests.matrix_records import Built, Cast, build, cast_of_every_role, parse
from tests.test_permission_matrix import ROLES, ROWS, Row, page_url, signed_in

pytestmark = pytest.mark.django_db

# Routes that are not forms of typed work: signing in and out, staying signed in, and files.
NOT_TYPED_WORK = {
    "access:sign-out",
    "access:keep-signed-in",
    "access:new-recovery-codes",
    "police:upload",
    "history:import",
}
# Forms that are not work: signing in is Django's AuthenticationForm, and a password is never kept.
NOT_WORK = {"frontdoor.access.forms.SignInForm"}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-")


def _form_rows() -> list[Row]:
    rows = []
    for row in ROWS:
        kind, _, variant = parse(row.record)
        if row.route == "api" or row.method != "POST" or row.route in NOT_TYPED_WORK:
            continue
        if kind == "absent" or variant in ("restricted", "granted"):
            continue  # the same form about a record that is not there, or hidden
        if "allow" in row.expected:
            rows.append(row)
    return rows


FORM_ROWS = _form_rows()


def typed(body: dict[str, Any]) -> list[str]:
    """The free text in a form's answers: what a user would be sorry to type again."""
    return [
        v
        for v in body.values()
        if isinstance(v, str) and len(v) >= 12 and " " in v.strip() and not UUID.match(v)
    ]


def _form_page(client: Any, url: str, row: Row, built: Built, cast: Cast, role: str) -> str:
    """The page the form is on: its own address, or a page (of the same record) with a form
    that posts to it."""
    own = client.get(url)
    if own.status_code == 200 and b'method="post"' in own.content:
        return url
    target = f'action="{urlsplit(url).path}"'.encode()
    for other in ROWS:
        if other.method != "GET" or other.route == "api" or other.record != row.record:
            continue
        if other.expected[ROLES.index(role)] != "allow":
            continue
        page = page_url(other, built)
        response = client.get(page)
        if response.status_code == 200 and target in response.content:
            return page
    raise AssertionError(f"no page of {row.record} holds the form that posts to {url}")


@pytest.mark.parametrize("row", FORM_ROWS, ids=[r.id for r in FORM_ROWS])
def test_every_form_gives_back_what_a_timeout_interrupted(row: Row, cast: Cast):
    role = ROLES[row.expected.index("allow")]
    user = cast.users[role]
    built = build(cast, row.record)
    url = page_url(row, built)
    body = page_body(row.route, cast, built, user)
    words = typed(body)
    if not words:
        pytest.skip("nothing typed on this form: a button, or choices only")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = signed_in(user)
        page = _form_page(client, url, row, built, cast, role)
        before = built.fingerprint()
        clock.shift(timedelta(minutes=45))  # the session times out while they type
        response = client.post(url, body, HTTP_REFERER=f"http://testserver{page}")
        assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
        assert built.fingerprint() == before, "nothing is saved for someone signed out"
        assert response["Location"].endswith(quote(page, safe="/"))  # back to the form's page
        assert KeptAnswers.objects.filter(user=user, path=urlsplit(page).path).exists()
        clock.shift(timedelta(minutes=1))
        again = signed_in(user)  # a new session
        html = again.get(page).content.decode()
    # Read as the browser reads it: an apostrophe is &#x27; from Django's templates and &#39;
    # from Jinja2's (the form widgets), the same character either way.
    shown = unescape(html)
    assert GIVEN_BACK in shown
    missing = [w for w in words if w not in shown]
    assert missing == [], f"{page} did not give back what was typed"


@pytest.fixture
def cast(make_user, child_protection_hub, area_team, police_agency) -> Cast:
    return cast_of_every_role(make_user, child_protection_hub, area_team, police_agency)


# --- The access rules hold for kept answers ------------------------------------------------------


def _timed_out_on_the_childs_record(cast: Cast, user: Any) -> tuple[Built, str]:
    """Oversight typed on a child's record, interrupted by a timeout."""
    row = next(r for r in FORM_ROWS if r.route == "supervision:record")
    built = build(cast, row.record)
    url = page_url(row, built)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = signed_in(user)
        page = _form_page(client, url, row, built, cast, "manager")
        clock.shift(timedelta(minutes=45))
        client.post(
            url, page_body(row.route, cast, built, user), HTTP_REFERER=f"http://testserver{page}"
        )
    return built, page


def test_kept_answers_are_never_shown_to_someone_else(cast: Cast, make_user):
    manager = cast.users["manager"]
    _, page = _timed_out_on_the_childs_record(cast, manager)
    other = make_user("mark", Role.MANAGER)
    html = signed_in(other).get(page).content.decode()
    assert "We kept what you typed" not in html
    assert KeptAnswers.objects.filter(user=manager).exists()


def test_restricting_the_child_forgets_what_was_kept_about_them(cast: Cast):
    manager = cast.users["manager"]
    built, page = _timed_out_on_the_childs_record(cast, manager)
    assert KeptAnswers.objects.filter(user=manager, path=urlsplit(page).path).exists()
    assert built.child is not None
    access_actions.restrict_person(
        by=cast.users["ig_lead"], person=built.child, reason="A member of staff's child"
    )
    assert not KeptAnswers.objects.filter(user=manager).exists()


def test_every_form_in_the_service_is_built_on_the_govuk_base():
    """The base (GovukFormMixin) is where a form takes back kept answers: a form built on
    Django's classes alone would lose typed work to a timeout."""
    import importlib
    import pkgutil

    from django import forms

    import frontdoor
    from frontdoor.govuk.forms.base import GovukFormMixin

    for module in pkgutil.walk_packages(frontdoor.__path__, "frontdoor."):
        if ".forms" in module.name and ".tests" not in module.name:
            importlib.import_module(module.name)

    def subclasses(cls: type) -> set[type]:
        found = set(cls.__subclasses__())
        return found.union(*(subclasses(c) for c in found)) if found else found

    outside = sorted(
        f"{c.__module__}.{c.__qualname__}"
        for c in subclasses(forms.BaseForm)
        if c.__module__.startswith("frontdoor.")
        and ".tests" not in c.__module__
        and not c.__name__.endswith("Mixin")
        and not issubclass(c, GovukFormMixin)
        and f"{c.__module__}.{c.__qualname__}" not in NOT_WORK
    )
    assert outside == []
