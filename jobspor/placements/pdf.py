"""The work agreement as an A4 PDF (WeasyPrint, the machine's fonts; nothing fetched)."""

from jobspor.cv.pdf import cv_pdf


def html_to_pdf(html: str) -> bytes:
    return cv_pdf(html)
