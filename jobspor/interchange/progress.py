"""Progress of a long import: a bar on the terminal (stderr), nothing when stderr goes to a file or a pipe."""

import sys


class NoProgress:
    """Reports nothing (tests, scripts, output redirected)."""

    def start(self, label: str, total: int | None) -> None:
        pass

    def advance(self, amount: int) -> None:
        pass

    def finish(self) -> None:
        pass

    def stop(self) -> None:
        pass


NO_PROGRESS = NoProgress()


class TerminalProgress:
    """One bar per pass (Læser, Kontrollerer, Skriver), drawn by rich on stderr: stdout keeps only the counts."""

    def __init__(self, stream):
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(TextColumn("{task.description:<12}"), BarColumn(), TaskProgressColumn(),
                                  TimeElapsedColumn(), TimeRemainingColumn(), console=Console(file=stream))
        self._task = None
        self._progress.start()

    def start(self, label, total):
        self._task = self._progress.add_task(label, total=total)

    def advance(self, amount):
        self._progress.advance(self._task, amount)

    def finish(self):
        task = self._progress.tasks[-1]
        self._progress.update(self._task, total=task.completed)  # bytes of skipped blank lines were not counted

    def stop(self):
        self._progress.stop()


def progress_for(stream=None):
    """A bar when `stream` (default stderr) is a terminal, else NO_PROGRESS."""
    stream = stream or sys.stderr
    isatty = getattr(stream, "isatty", None)
    return TerminalProgress(stream) if isatty is not None and isatty() else NO_PROGRESS
