from django.shortcuts import render

from . import selectors


def my_tasks(request):
    show_all = request.GET.get("alle", "")
    today, agenda, sections = selectors.my_tasks(user=request.user, path=request.path,
                                                 show_all=show_all if show_all in selectors.SECTIONS else "")
    return render(request, "followup/my_tasks.html",
                  {"today": today, "agenda": agenda, "overdue": sections["overskredet"],
                   "upcoming": sections["kommende"], "nav": "tasks"})
