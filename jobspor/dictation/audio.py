"""What the browser may send to be transcribed: one recording, of a sound format, not too big.

Checked by content (the first bytes), not only by the declared type: whatever is not a recording is refused before
anything is sent on to the speech server.
"""

from django.conf import settings
from django.utils.translation import gettext as _

# Declared content types (parameters such as ";codecs=opus" left off) and the format each must sniff as.
DECLARED = {
    "audio/webm": "audio/webm", "video/webm": "audio/webm",  # Chromium and Firefox record WebM/Opus
    "audio/ogg": "audio/ogg",  # Firefox may record Ogg/Opus
    "audio/mp4": "audio/mp4", "audio/x-m4a": "audio/mp4",  # Safari records MP4/AAC
    "audio/mpeg": "audio/mpeg",
    "audio/wav": "audio/wav", "audio/x-wav": "audio/wav", "audio/wave": "audio/wav",
}


class AudioRefused(Exception):
    def __init__(self, message: str, *, status: int):
        super().__init__(message)
        self.message = message
        self.status = status


def sniff(head: bytes) -> str | None:
    """The audio format the first bytes show, or None."""
    if head.startswith(b"\x1a\x45\xdf\xa3"):  # EBML: Matroska/WebM
        return "audio/webm"
    if head.startswith(b"OggS"):
        return "audio/ogg"
    if head[4:8] == b"ftyp":
        return "audio/mp4"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "audio/wav"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "audio/mpeg"
    return None


def max_bytes() -> int:
    return settings.JOBSPOR_SPEECH_MAX_BYTES


def too_large_message() -> str:
    minutes = max(1, settings.JOBSPOR_SPEECH_MAX_SECONDS // 60)
    return _("Optagelsen er for lang. Diktér i kortere bidder (højst %(minutes)s minutter ad gangen).") % {
        "minutes": minutes}


def _nothing():
    return AudioRefused(_("Der kom ingen lyd med. Prøv at diktere igen."), status=400)


def check_declared(content_type: str, length: int) -> str:
    """Refuse before reading the body: no body, a declared type that is not sound, a length over the limit."""
    if not length:
        raise _nothing()
    declared = DECLARED.get(content_type.split(";")[0].strip().lower())
    if declared is None:
        raise AudioRefused(_("Optagelsen kunne ikke læses som lyd. Prøv at diktere igen."), status=415)
    if length > max_bytes():
        raise AudioRefused(too_large_message(), status=413)
    return declared


def check_audio(audio: bytes, declared: str) -> str:
    """The format to send on, once the bytes have been read (at most max_bytes() + 1 of them)."""
    if not audio:
        raise _nothing()
    if len(audio) > max_bytes():
        raise AudioRefused(too_large_message(), status=413)
    if sniff(audio[:16]) != declared:
        raise AudioRefused(_("Optagelsen kunne ikke læses som lyd. Prøv at diktere igen."), status=415)
    return declared
