"""Reading letters. The views check access to the case (and write the access log) before they call these."""

from django.shortcuts import get_object_or_404

from .models import Letter


def case_letters(*, case) -> list[Letter]:
    return list(Letter.objects.filter(case=case).select_related("created_by").order_by("-created_at", "-id"))


def letter_get(*, case, pk) -> Letter:
    """A letter of this case; another case's letter answers 404."""
    return get_object_or_404(Letter.objects.select_related("case__citizen__postal_code", "created_by"),
                             pk=pk, case=case)
