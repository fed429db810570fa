from django.core.paginator import Paginator
from django.shortcuts import render

from .selectors import access_log_for_citizen


def citizen_access_log(request, citizen_pk):
    citizen, entries = access_log_for_citizen(user=request.user, citizen_pk=citizen_pk, path=request.path)
    page = Paginator(entries, 50).get_page(request.GET.get("side"))
    return render(request, "audit/citizen_access_log.html", {"citizen": citizen, "page": page})
