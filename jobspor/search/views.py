from django.shortcuts import render

from .services import MIN_LENGTH, search_everything


def search(request):
    term = request.GET.get("q", "")
    results = search_everything(user=request.user, term=term, path=request.get_full_path())
    return render(request, "search/results.html", {"term": term.strip(), "results": results,
                                                   "min_length": MIN_LENGTH, "nav": "search"})
