"""Serving a kept document. Only views that have checked access (and written the access log) call this."""

from django.http import FileResponse, Http404

from .files import path_of


def document_response(document, *, inline=False) -> FileResponse:
    path = path_of(document)
    if not path.is_file():
        raise Http404
    response = FileResponse(path.open("rb"), as_attachment=not inline, filename=document.name,
                            content_type=document.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
