"""The import page: HTTP behaviour only."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from frontdoor.history.models import EarlyHelpEpisode

pytestmark = pytest.mark.django_db
URL = "/history/import/"
SAMPLE = Path(settings.BASE_DIR) / "docs" / "samples" / "early-help.csv"


def upload(client, data: bytes, name: str = "early-help.csv", kind: str = "early_help"):
    return client.post(URL, {"kind": kind, "file": SimpleUploadedFile(name, data, "text/csv")})


def test_screener_can_upload_the_sample_and_read_the_counts(client, screener):
    client.force_login(screener)
    response = upload(client, SAMPLE.read_bytes())
    assert response.status_code == 200
    assert b"Import finished" in response.content
    assert EarlyHelpEpisode.objects.count() == 5


def test_screener_sees_each_bad_row_by_number_and_field(client, screener):
    client.force_login(screener)
    lines = SAMPLE.read_text().splitlines()
    lines[4] = lines[4].replace("2022-05-16", "16th May")
    response = upload(client, "\n".join(lines).encode())
    assert response.status_code == 200
    assert b"1 row could not be imported" in response.content
    assert b"Row 5: enter the episode start date as a date, like 2024-03-31" in response.content
    assert EarlyHelpEpisode.objects.count() == 4


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.txt", b"x", b"The selected file must be a CSV"),
        ("early-help.csv", b"first_name\nAmy\n", b"The file must have the columns"),
    ],
)
def test_screener_cannot_upload_a_file_that_is_not_the_format(
    client, screener, name, data, message
):
    client.force_login(screener)
    response = upload(client, data, name)
    assert response.status_code == 400
    assert message in response.content
    assert b"govuk-error-summary" in response.content


def test_screener_must_choose_a_kind_and_a_file(client, screener):
    client.force_login(screener)
    response = client.post(URL, {})
    assert response.status_code == 400
    assert b"Select what the file holds" in response.content
    assert b"Select a CSV file" in response.content


def test_contact_officer_cannot_open_the_import_page(client, contact_officer):
    client.force_login(contact_officer)
    assert client.get(URL).status_code == 403
