"""The agreement as an A4 PDF (WeasyPrint, as the CV). Nothing is fetched from outside; the only images are drawn
signatures, embedded in the page as PNG data (data: URLs, the only protocol allowed)."""

import functools

from jobspor.cv.pdf import _no_fetch  # importing it also quiets WeasyPrint's logging


@functools.cache
def _fetcher():
    """WeasyPrint ≥ 67: a fetcher object limited to data: URLs; older WeasyPrint: a function."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:
        from weasyprint import default_url_fetcher

        def fetch(url, *args, **kwargs):
            return default_url_fetcher(url, *args, **kwargs) if url.startswith("data:") else _no_fetch(url)

        return fetch
    return URLFetcher(allowed_protocols={"data"})


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # here, not at the top: see cv.pdf

    return HTML(string=html, url_fetcher=_fetcher()).write_pdf()
