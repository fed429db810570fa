"""Django's tasks interface: built into Django 6 as django.tasks, the django-tasks backport before that. Jobspor
imports it from here, so moving to Django 6 is this file, dropping "django_tasks" from INSTALLED_APPS and the
backport from pyproject.toml (the database backend, django-tasks-db, works with both)."""

try:  # Django ≥ 6.0
    from django.tasks import TaskResultStatus, task
except ImportError:  # Django 5.2: the backport
    from django_tasks import TaskResultStatus, task

__all__ = ["TaskResultStatus", "task"]
