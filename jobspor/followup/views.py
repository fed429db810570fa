from django.shortcuts import render

from . import selectors


def my_tasks(request):
    today, items = selectors.my_tasks(user=request.user, path=request.path)
    agenda = [item for item in items if item.agenda]
    items = [item for item in items if not item.agenda]
    overdue = [item for item in items if item.overdue_on(today)]
    upcoming = [item for item in items if not item.overdue_on(today)]
    return render(request, "followup/my_tasks.html",
                  {"today": today, "agenda": agenda, "overdue": overdue, "upcoming": upcoming, "nav": "tasks"})
