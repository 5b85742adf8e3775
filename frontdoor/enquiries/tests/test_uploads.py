"""Attachments are checked by what they contain and how big they are, never by their name
alone (../shared/SECURITY.md, 22)."""

from __future__ import annotations

import pytest

from frontdoor.enquiries.uploads import UploadRefused, check_file, safe_filename

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 20
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 20
MB = 1024 * 1024


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("chronology.pdf", PDF, "application/pdf"),
        ("photo.PNG", PNG, "image/png"),
        ("scan.jpeg", JPEG, "image/jpeg"),
        ("scan.jpg", JPEG, "image/jpeg"),
        ("notes.txt", "Visited 3 March – no answer.\n".encode(), "text/plain; charset=utf-8"),
    ],
)
def test_partner_can_attach_a_pdf_image_or_text(name, content, content_type):
    checked = check_file(name, content, max_bytes=MB)
    assert checked.content_type == content_type
    assert checked.size == len(content)
    assert len(checked.sha256) == 64


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.pdf", b"", "The selected file is empty"),
        ("big.pdf", PDF + b"0" * MB, "The selected file must be smaller than 1MB"),
        ("page.html", b"<script>alert(1)</script>", "The selected file must be a PDF"),
        ("page.pdf", b"<html><script>alert(1)</script>", "The selected file must be a PDF"),
        ("photo.png", PDF, "The selected file must be a PDF"),  # a PDF called .png
        ("run.exe", b"MZ\x90\x00\x03", "The selected file must be a PDF"),
        ("binary.txt", b"text\x00with a NUL", "The selected file must be a PDF"),
        ("latin1.txt", "caf\xe9".encode("latin-1"), "The selected file must be a PDF"),
        ("doc.svg", b"<svg onload='alert(1)'/>", "The selected file must be a PDF"),
    ],
)
def test_partner_cannot_attach_a_file_of_another_type_or_size(name, content, message):
    with pytest.raises(UploadRefused) as refused:
        check_file(name, content, max_bytes=MB)
    assert str(refused.value).startswith(message)


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\me\\report.pdf", "report.pdf"),
        ('a"b;c\r\nd.pdf', "a_b_c__d.pdf"),
        ("Évaluation été.pdf", "Evaluation ete.pdf"),
        ("", "attachment"),
        ("x" * 300 + ".pdf", "x" * 96 + ".pdf"),
    ],
)
def test_a_file_name_is_stored_without_folders_or_odd_characters(given, stored):
    assert safe_filename(given) == stored
