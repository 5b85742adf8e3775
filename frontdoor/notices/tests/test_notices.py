"""One way to send an email: after the commit, through the queue, in one frame."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from frontdoor.notices.notice import Notice, after_commit, body, send

pytestmark = pytest.mark.django_db

NOTICE = Notice(
    "A request for information",
    ["The MASH has asked for information about a child. Please answer by 3 March 2026."],
    link="/partners/requests/abc/",
    link_words="Read and answer it",
    recipients=["mash-requests@police.example"],
)


def test_a_notice_is_framed_with_its_link_on_the_public_address(settings):
    settings.FRONTDOOR_BASE_URL = "https://frontdoor.wessex.example/"
    text = body(NOTICE)
    assert (
        "Read and answer it (sign-in needed):\nhttps://frontdoor.wessex.example/partners/" in text
    )
    assert text.rstrip().splitlines()[-2] == "This email holds no personal data on purpose."


def test_a_notice_is_sent_to_each_recipient_once():
    sent = send(Notice("Hello", ["Line"], recipients=["a@x.example", "a@x.example"]))
    assert sent == 1 and mail.outbox[0].to == ["a@x.example"]


def test_a_notice_without_recipients_sends_nothing():
    assert send(Notice("Hello", ["Line"])) == 0 and mail.outbox == []


def test_a_queued_notice_goes_only_when_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        after_commit(NOTICE)
    assert [m.subject for m in mail.outbox] == ["A request for information"]


def test_a_queued_notice_is_dropped_with_a_rolled_back_transaction():
    class Rollback(Exception):
        pass

    with pytest.raises(Rollback), transaction.atomic():
        after_commit(NOTICE)
        raise Rollback
    assert mail.outbox == []
