"""The local outbox: each letter's PDF and MeMo message written to a folder (settings.JOBSPOR_LETTER_OUTBOX_DIR),
named by the message's id. `make run` uses it; a person or another system takes the letters from there. Paper
letters go to its "fysisk" folder with the postal address beside the PDF, to be printed and posted."""

import os
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from . import Delivery, TransportError


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all: a reader of the folder never sees half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)


class OutboxTransport:
    name = "outbox"

    def __init__(self, directory=None, *, paper=False):
        self.directory = Path(directory or settings.JOBSPOR_LETTER_OUTBOX_DIR)
        self.paper = paper
        if paper:
            self.name = "print"

    def send(self, letter, *, pdf: bytes, message=None, memo_xml: str | None = None) -> Delivery:
        folder = self.directory / "fysisk" if self.paper else self.directory
        stem = str(letter.memo_uuid)
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            _write(folder / f"{stem}.pdf", pdf)
            if memo_xml is not None:
                _write(folder / f"{stem}.xml", memo_xml.encode("utf-8"))
            if self.paper:
                address = "\n".join([letter.recipient_name, letter.recipient_address]).strip() + "\n"
                _write(folder / f"{stem}.adresse.txt", address.encode("utf-8"))
        except OSError as exc:
            raise TransportError(_("Brevet kunne ikke lægges i udbakken (%(folder)s): %(error)s") % {
                "folder": folder, "error": exc.strerror or exc}) from exc
        return Delivery(transport=self.name, message_id=stem)
