"""Checking and keeping uploaded files.

A file is accepted by what its *content* is (magic bytes, the pure-Python `filetype` library), not by the name or
type the browser sends: a program renamed to .pdf, or a PNG called .pdf, is refused. It is then kept outside the
web root (settings.JOBSPOR_DOCUMENTS_DIR) under a random name, readable only by this process's user."""

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext as _

# Sniffed MIME type → the file-name endings that may carry it (and its name in messages). Which of them are
# accepted is settings.JOBSPOR_DOCUMENT_TYPES (endings).
KNOWN = {
    "application/pdf": ({"pdf"}, "PDF"),
    "image/jpeg": ({"jpg", "jpeg"}, "JPEG"),
    "image/png": ({"png"}, "PNG"),
    "image/heic": ({"heic"}, "HEIC"),
    "image/tiff": ({"tif", "tiff"}, "TIFF"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ({"docx"}, "Word (DOCX)"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ({"xlsx"}, "Excel (XLSX)"),
    "application/vnd.oasis.opendocument.text": ({"odt"}, "ODT"),
    "application/vnd.oasis.opendocument.spreadsheet": ({"ods"}, "ODS"),
}
SNIFF_BYTES = 8192


def allowed() -> dict[str, set[str]]:
    """Sniffed MIME type → accepted endings, as settings allow."""
    wanted = set(getattr(settings, "JOBSPOR_DOCUMENT_TYPES", None) or ["pdf", "jpg", "jpeg", "png", "docx"])
    return {mime: endings & wanted for mime, (endings, _label) in KNOWN.items() if endings & wanted}


def allowed_label() -> str:
    labels = [KNOWN[mime][1] for mime in allowed()]
    if not labels:
        return "–"
    return ", ".join(labels[:-1]) + (f" {_('eller')} " if len(labels) > 1 else "") + labels[-1]


def accept_attribute() -> str:
    """For <input type=file accept=…>: the accepted endings."""
    return ",".join(f".{e}" for endings in allowed().values() for e in sorted(endings))


ALLOWED_LABEL = lazy(allowed_label, str)()


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int


def max_bytes() -> int:
    return settings.JOBSPOR_DOCUMENT_MAX_BYTES


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f}".replace(".", ",")


def check_upload(uploaded) -> CheckedFile:
    """The file's name, real type and size, or a ValidationError in Danish saying what is wrong."""
    name = os.path.basename(uploaded.name or "").strip()[:255] or "fil"
    size = uploaded.size or 0
    if size == 0:
        raise ValidationError(_("Filen «%(name)s» er tom.") % {"name": name}, code="empty")
    if size > max_bytes():
        raise ValidationError(_("Filen «%(name)s» fylder %(size)s MB. Den må højst fylde %(max)s MB.") % {
            "name": name, "size": f"{size / 1024 / 1024:.1f}".replace(".", ","), "max": _mb(max_bytes())},
            code="too_large")
    uploaded.seek(0)
    head = uploaded.read(SNIFF_BYTES)
    uploaded.seek(0)
    kind = filetype.guess(head)  # a Word document is told from any other zip by its word/ part
    ending = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    accepted = allowed()
    if kind is None or kind.mime not in accepted:
        raise ValidationError(_("Filen «%(name)s» er ikke en af de filtyper, der kan modtages (%(types)s). "
                                "Indholdet er kontrolleret – ikke kun filnavnet.") % {
            "name": name, "types": allowed_label()}, code="type")
    if ending not in accepted[kind.mime]:
        raise ValidationError(_("Filen «%(name)s» er ikke det, navnet siger: indholdet er %(real)s. Gem filen med "
                                "den rigtige endelse, eller vælg den rigtige fil.") % {
            "name": name, "real": kind.extension.upper()}, code="mislabelled")
    return CheckedFile(name=name, content_type=kind.mime, size=size)


def documents_dir() -> Path:
    path = Path(settings.JOBSPOR_DOCUMENTS_DIR)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def store(uploaded) -> tuple[str, str]:
    """Write the upload under a new random name; returns (storage name, SHA-256 of the content)."""
    storage_name = secrets.token_hex(20)
    target = documents_dir() / storage_name
    digest = hashlib.sha256()
    uploaded.seek(0)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        for chunk in uploaded.chunks():
            digest.update(chunk)
            out.write(chunk)
    return storage_name, digest.hexdigest()


def path_of(document) -> Path:
    return documents_dir() / document.storage_name
