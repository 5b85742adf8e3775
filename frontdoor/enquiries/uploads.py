"""Checking a file a partner attaches to an answer: its type, from its content, and its size.

The type is read from the file's first bytes, never trusted from its name or the browser's
Content-Type, and the name's extension must agree with it (a PDF called photo.png is refused).
Only four types are taken: PDF, PNG, JPEG and plain UTF-8 text. Files are served back only as
downloads with the type found here (`queries.get_attachment_for`, `views.attachment`), so a
file can never run as a page in the service's origin (../shared/SECURITY.md, 22).

Pure: no database. Messages follow the GOV.UK file upload component.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

# (what the file starts with, the content type served, extensions its name may have)
SIGNATURES: list[tuple[bytes, str, tuple[str, ...]]] = [
    (b"%PDF-", "application/pdf", (".pdf",)),
    (b"\x89PNG\r\n\x1a\n", "image/png", (".png",)),
    (b"\xff\xd8\xff", "image/jpeg", (".jpg", ".jpeg")),
]
TEXT = ("text/plain; charset=utf-8", (".txt",))
ALLOWED_WORDS = "a PDF, PNG, JPEG or TXT"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9 ._()-]")


class UploadRefused(ValueError):
    """The file cannot be attached; the message says why, in the GOV.UK component's words."""


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str
    size: int
    sha256: str
    content: bytes


def safe_filename(name: str) -> str:
    """The name without any folder, control or unusual characters, at most 100 characters:
    what is stored and offered back in the download's Content-Disposition."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    base = _UNSAFE_NAME.sub("_", base).strip(" .") or "attachment"
    stem, dot, extension = base.rpartition(".")
    if dot and len(extension) <= 5:
        return f"{stem[: 100 - len(extension) - 1]}.{extension}"
    return base[:100]


def _content_type(content: bytes) -> tuple[str, tuple[str, ...]] | None:
    for magic, content_type, extensions in SIGNATURES:
        if content.startswith(magic):
            return content_type, extensions
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    # Text with control characters (NUL, escape …) is a binary file with a .txt name.
    return None if _CONTROL.search(text) else TEXT


def megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f}MB" if value >= 1 else f"{size // 1024}KB"


def check_size(size: int, *, max_bytes: int) -> None:
    """Refuse an empty or too big file: called before reading an upload into memory too."""
    if size <= 0:
        raise UploadRefused("The selected file is empty")
    if size > max_bytes:
        raise UploadRefused(f"The selected file must be smaller than {megabytes(max_bytes)}")


def check_file(name: str, content: bytes, *, max_bytes: int) -> CheckedFile:
    check_size(len(content), max_bytes=max_bytes)
    filename = safe_filename(name)
    found = _content_type(content)
    if found is None or not filename.lower().endswith(found[1]):
        raise UploadRefused(f"The selected file must be {ALLOWED_WORDS}")
    return CheckedFile(
        filename=filename,
        content_type=found[0],
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
    )
