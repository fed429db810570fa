"""Comparing short Danish task texts: "pakke varer" ≈ "pakning af varer", "lagerhjælper" ≈ "hjælper på lager".

    tokens("Rengøring af kontorer", lexicon)  -> frozenset({"rengør", "kontor"})
    similarity("tjekke datoer", "tjekke datoer på varer", lexicon) -> 0.8

Steps, after jobspor.core.danish_text.normalise (lowercase, function words dropped, Snowball stems,
nominalisations to the verb):
1. synonyms (an administrator extends them, see models.Synonym): a phrase or word is replaced by its
   canonical form ("ekspedere kunder" → "betjene kunder", "opfylde" → "fylde op");
2. compound words are split into known parts ("lagermedarbejder" → lager + medarbejder), where a part is
   known if it occurs as a word of its own anywhere in the lexicon's vocabulary;
3. two texts are compared by the Dice coefficient of their token sets (2·|A∩B| / (|A|+|B|)).
"""

from dataclasses import dataclass, field

from jobspor.core.danish_text import normalise, stem

LINKING = ("s", "e")  # fuge-s and fuge-e: "rengøringsassistent", "skraldespand"
MIN_PART = 3


@dataclass
class Lexicon:
    """Synonyms and the known word stems used to split compounds. Built by jobspor.matching.vocabulary."""

    word_synonyms: dict[str, str] = field(default_factory=dict)  # stem → canonical stem
    phrase_synonyms: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    known: set[str] = field(default_factory=set)  # stems that may be a part of a compound
    _cache: dict[str, frozenset] = field(default_factory=dict, repr=False)

    def add_synonym(self, term: str, synonym: str) -> None:
        canonical, other = normalise(term), normalise(synonym)
        if not canonical or not other or canonical == other:
            return
        if len(other) == 1 and len(canonical) == 1:
            self.word_synonyms[other[0]] = canonical[0]
        else:
            self.phrase_synonyms.append((other, canonical))
            self.phrase_synonyms.sort(key=lambda pair: -len(pair[0]))
        self.learn(term)
        self._cache.clear()

    def learn(self, text: str) -> None:
        """Make the words of `text` known as possible parts of compounds."""
        for s in normalise(text):
            if len(s) >= MIN_PART:
                self.known.add(s)


def _split(word: str, known: set[str]) -> list[str]:
    """A compound stem split into two known parts (the longest known head first), or the word itself."""
    if len(word) < 2 * MIN_PART or word in known and not _has_split(word, known):
        return [word]
    for i in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, tail = word[:i], word[i:]
        if tail not in known and stem(tail) not in known:
            continue
        tail = tail if tail in known else stem(tail)
        for h in (head, head[:-1] if head.endswith(LINKING) else None):
            if h and len(h) >= MIN_PART and (h in known or stem(h) in known):
                return [h if h in known else stem(h), tail]
    return [word]


def _has_split(word: str, known: set[str]) -> bool:
    return any(word[i:] in known and (word[:i] in known or stem(word[:i]) in known)
               for i in range(MIN_PART, len(word) - MIN_PART + 1))


def tokens(text: str, lexicon: Lexicon) -> frozenset:
    cached = lexicon._cache.get(text)
    if cached is not None:
        return cached
    stems = list(normalise(text))
    for phrase, canonical in lexicon.phrase_synonyms:
        n = len(phrase)
        i = 0
        while i + n <= len(stems):
            if tuple(stems[i:i + n]) == phrase:
                stems[i:i + n] = list(canonical)
                i += len(canonical)
            else:
                i += 1
    result = set()
    for s in stems:
        for part in _split(s, lexicon.known):
            result.add(lexicon.word_synonyms.get(part, part))
    found = frozenset(result)
    if len(lexicon._cache) < 200_000:
        lexicon._cache[text] = found
    return found


def dice(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def similarity(text_a: str, text_b: str, lexicon: Lexicon) -> float:
    return dice(tokens(text_a, lexicon), tokens(text_b, lexicon))
