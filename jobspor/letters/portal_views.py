"""Min side: "Mine breve" — the letters the jobcentre has sent the citizen, each as the PDF that was sent. Looked up
through request.citizen, so another citizen's letter answers 404; the citizen's own reads are logged as such."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from jobspor.citizen_portal.access import citizen_view, log_own_read, portal_context
from jobspor.documents.files import documents_dir

from .choices import LetterStatus
from .models import Letter


def _sent(request):
    return Letter.objects.filter(case__citizen=request.citizen, status=LetterStatus.SENT)


@citizen_view
def letters(request):
    sent = list(_sent(request).order_by("-sent_at", "-id"))
    log_own_read(request, case_ids=sorted({letter.case_id for letter in sent}) or None)
    return render(request, "letters/minside.html", portal_context(request, nav="letters", letters=sent))


@citizen_view
def letter_pdf(request, pk):
    letter = _sent(request).filter(pk=pk).first()
    if letter is None:
        raise Http404
    path = documents_dir() / letter.pdf_storage_name
    if not path.is_file():
        raise Http404
    log_own_read(request, case_ids=[letter.case_id])
    response = HttpResponse(path.read_bytes(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="brev-{letter.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
