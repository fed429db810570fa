from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jobspor.core"
    label = "core"
