"""Freeze → hash → verify: the one way Jobspor fingerprints a document someone signs (the work agreement, the
plan, consent forms). The document is plain JSON; its canonical form (sorted keys, no spaces, UTF-8) is what is
hashed, so the same content always gives the same SHA-256, on any machine and after any round trip through the
database's JSON column."""

import hashlib
import json


def canonical_json(document: dict) -> str:
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def document_hash(document: dict) -> str:
    return hashlib.sha256(canonical_json(document).encode("utf-8")).hexdigest()


def hash_matches(document: dict, content_hash: str) -> bool:
    """True when the stored document still gives the stored hash (nothing has been altered since it was frozen)."""
    return bool(content_hash) and document_hash(document) == content_hash


def signer_name_clean(name: str | None) -> str:
    return " ".join((name or "").split())


def same_name(a: str, b: str) -> bool:
    """Typed names compared as a person reads them: spaces and case do not matter."""
    return signer_name_clean(a).casefold() == signer_name_clean(b).casefold()
