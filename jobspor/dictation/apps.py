from django.apps import AppConfig


class DictationConfig(AppConfig):
    """Dictation into note and letter fields through a self-hosted speech-to-text server (issue 13, point 7)."""

    name = "jobspor.dictation"
    label = "dictation"
