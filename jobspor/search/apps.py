from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Search from every page: cases, companies and openings in one place (issue 13)."""

    name = "jobspor.search"
    label = "search"
