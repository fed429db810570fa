"""The codes of a choices enum, made once: Django's `Choices.values` builds a new list (through every member's
label) on each access, which the services' checks did per record (an import makes thousands of them)."""

import functools


@functools.cache
def codes(choices) -> tuple:
    """`choices.values` as a tuple, the same codes in the same order (a tuple: `in` compares as on the list)."""
    return tuple(choices.values)
