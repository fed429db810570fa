"""A difference between two shares with its 95 % interval: Newcombe's hybrid score interval (method 10 of
Newcombe 1998, "Interval estimation for the difference between independent proportions"), built from the two
Wilson score intervals that scipy computes. Good coverage for small groups and shares near 0 or 1, where the
plain normal interval is too narrow. It describes chance variation only: never an effect."""

from dataclasses import dataclass
from math import sqrt

from scipy.stats import binomtest

LEVEL = 0.95


def wilson(k: int, n: int) -> tuple[float, float]:
    ci = binomtest(k, n).proportion_ci(confidence_level=LEVEL, method="wilson")
    return ci.low, ci.high


@dataclass(frozen=True)
class Difference:
    p1: float
    p2: float
    low: float
    high: float

    @property
    def diff(self) -> float:
        return self.p1 - self.p2

    @property
    def clear(self) -> bool:
        """The interval leaves out 0: chance alone is an unlikely explanation (it says nothing of the cause)."""
        return self.low > 0 or self.high < 0


def difference(k1: int, n1: int, k2: int, n2: int) -> Difference:
    if n1 <= 0 or n2 <= 0:
        raise ValueError("Begge grupper skal have sager.")
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = wilson(k1, n1)
    l2, u2 = wilson(k2, n2)
    d = p1 - p2
    return Difference(p1, p2, d - sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2))
