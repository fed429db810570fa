"""The fidelity score: yes = 1, partly = ½, no = 0, averaged over the questions answered (per strand and in
total). Unanswered questions are left out of the score and shown as such."""

from dataclasses import dataclass

from .choices import POINTS, AnswerValue, Strand


@dataclass
class Score:
    label: str
    questions: int = 0
    yes: int = 0
    partly: int = 0
    no: int = 0

    @property
    def answered(self) -> int:
        return self.yes + self.partly + self.no

    @property
    def unanswered(self) -> int:
        return self.questions - self.answered

    @property
    def value(self) -> float | None:
        """0–1, or None when nothing is answered."""
        if not self.answered:
            return None
        return (self.yes * POINTS[AnswerValue.YES] + self.partly * POINTS[AnswerValue.PARTLY]
                + self.no * POINTS[AnswerValue.NO]) / self.answered

    @property
    def percent(self) -> float | None:
        return None if self.value is None else round(100 * self.value, 1)

    def add(self, value):
        if value == AnswerValue.YES:
            self.yes += 1
        elif value == AnswerValue.PARTLY:
            self.partly += 1
        elif value == AnswerValue.NO:
            self.no += 1


def score(questions, answers) -> dict:
    """`questions`: (id, strand) pairs of every question; `answers`: question id -> value. Returns
    {"total": Score, "strands": [Score per strand, in order]}."""
    strands = {s.value: Score(str(s.label)) for s in Strand}
    total = Score(str(_total_label()))
    for question_id, strand in questions:
        for bucket in (strands[strand], total):
            bucket.questions += 1
            bucket.add(answers.get(question_id))
    return {"total": total, "strands": list(strands.values())}


def _total_label():
    from django.utils.translation import gettext_lazy as _

    return _("I alt")
