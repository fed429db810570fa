"""Search that forgives how Danish names are typed: "Soren" finds Søren, "aa" finds å, "Aeroe" finds Ærø.

Both sides are folded the same way before comparing: case-folded, æ → ae, ø → o, å → a (and ö, ä, é, è, ü, á
…), then "aa" → a and "oe" → o, so Søren, Soeren and Soren all become "soren" and Åse, Aase and Ase "ase".
`fold` does it in Python (search terms, stored name words); `Fold` does the same in SQL on both databases
(REPLACE and LOWER only), for columns searched without a stored copy (company names, job titles).
"""

import unicodedata

from django.db.models import Value
from django.db.models.functions import Lower, Replace

# Upper and lower case both: SQLite's LOWER only knows ASCII.
LETTERS = [("æ", "ae"), ("ø", "o"), ("å", "a"), ("ä", "ae"), ("ö", "o"), ("é", "e"), ("è", "e"), ("ü", "u"),
           ("á", "a"), ("ó", "o"), ("í", "i"), ("ú", "u")]
_TABLE = str.maketrans(dict(LETTERS))
PAIRS = [("aa", "a"), ("oe", "o")]


def fold(text: str) -> str:
    text = (text or "").casefold().translate(_TABLE)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    for pair, single in PAIRS:
        text = text.replace(pair, single)
    return text


def Fold(expression):  # noqa: N802 - an expression factory, used like a database function
    """The SQL twin of `fold` for a column or expression (letters outside LETTERS keep their accents)."""
    expr = expression
    for letter, plain in LETTERS:
        expr = Replace(Replace(expr, Value(letter.upper()), Value(plain)), Value(letter), Value(plain))
    expr = Lower(expr)
    for pair, single in PAIRS:
        expr = Replace(expr, Value(pair), Value(single))
    return expr


def fold_fields(instance, pairs, save_kwargs: dict) -> None:
    """Before a save: set each stored folded copy (`target`) from its `source` field, so a search can compare plain
    columns (no REPLACE chain over every row). A save limited to `update_fields` writes the copy when it writes the
    source. Bulk writers (demo, migrations) bypass save() and set the copies themselves."""
    update_fields = save_kwargs.get("update_fields")
    for source, target in pairs:
        setattr(instance, target, fold(getattr(instance, source))[:instance._meta.get_field(target).max_length])
        if update_fields is not None and source in update_fields:
            save_kwargs["update_fields"] = {*save_kwargs["update_fields"], target}
