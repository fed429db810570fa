"""What goes wrong in an import, kept as (path, message) pairs so the command can print `line N: …`."""

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

Problem = tuple[str, str]  # (field path such as "staff[2].role" or "" for the whole record, Danish message)


@dataclass
class LineError:
    number: int
    problems: list[Problem] = field(default_factory=list)

    def __str__(self):
        reasons = "; ".join(f"{path}: {message}" if path else message for path, message in self.problems)
        return f"line {self.number}: {reasons}"


class RecordInvalid(Exception):
    """One record failed validation."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems)
        self.problems = problems


class ImportRejected(Exception):
    """The file has invalid lines; nothing was changed."""

    def __init__(self, errors: list[LineError]):
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


def problems_of(exc: ValidationError) -> list[Problem]:
    """A service's ValidationError as (field, message) pairs."""
    if hasattr(exc, "error_dict"):
        return [("" if name == NON_FIELD_ERRORS else name, message)
                for name, messages in exc.message_dict.items() for message in messages]
    return [("", message) for message in exc.messages]


def form_problems(form) -> list[Problem]:
    """A bound form's errors as (path, message) pairs; errors from inside a list carry their own sub-path."""
    problems = []
    for name, errors in form.errors.as_data().items():
        for error in errors:
            path = ("" if name == NON_FIELD_ERRORS else name) + getattr(error, "subpath", "")
            problems.extend((path, message) for message in error.messages)
    return problems
