"""The printable CV: HTML rendered to an A4 PDF with WeasyPrint, using the machine's fonts (DejaVu Sans).

Nothing is fetched: the template carries its own style and no images or links to load."""

import logging

# WeasyPrint and fontTools log every font subset at INFO/WARNING; keep the console quiet.
for _name in ("weasyprint", "fontTools"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def _no_fetch(url, *args, **kwargs):
    raise ValueError(f"Udskriften henter intet udefra: {url}")


def cv_pdf(html: str) -> bytes:
    # WeasyPrint is imported when a PDF is made, not when this module is: its import (Pango through cffi, fonts)
    # costs about 0.45 s of CPU, which every gunicorn worker, test worker and command (the URL configuration imports
    # the CV's views) paid at start.
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()
