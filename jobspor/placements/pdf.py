"""The agreement as an A4 PDF (WeasyPrint, as the CV). Nothing is fetched from outside; the only images are drawn
signatures, embedded in the page as PNG data (data: URLs, the only protocol allowed)."""

from weasyprint import HTML

from jobspor.cv.pdf import _no_fetch  # importing it also quiets WeasyPrint's logging

try:  # WeasyPrint ≥ 67: a fetcher object limited to data: URLs
    from weasyprint.urls import URLFetcher

    _fetcher = URLFetcher(allowed_protocols={"data"})
except ImportError:  # older WeasyPrint: a function
    from weasyprint import default_url_fetcher

    def _fetcher(url, *args, **kwargs):
        return default_url_fetcher(url, *args, **kwargs) if url.startswith("data:") else _no_fetch(url)


def html_to_pdf(html: str) -> bytes:
    return HTML(string=html, url_fetcher=_fetcher).write_pdf()
