"""The printable CV: HTML rendered to an A4 PDF with WeasyPrint, using the machine's fonts (DejaVu Sans).

Nothing is fetched: the template carries its own style and no images or links to load."""

import logging

from weasyprint import HTML

# WeasyPrint and fontTools log every font subset at INFO/WARNING; keep the console quiet.
for _name in ("weasyprint", "fontTools"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def _no_fetch(url, *args, **kwargs):
    raise ValueError(f"Udskriften henter intet udefra: {url}")


def cv_pdf(html: str) -> bytes:
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()
