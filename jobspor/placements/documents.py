"""The agreement document as the templates show it, from a document of any age.

A signed document is frozen as it was signed (services.agreement_document), so its shape is whatever the
version that froze it wrote: today's full document, an imported stand-in ({"imported": true, …}), the short
documents of older demo data, or one missing keys added later. `readable` gives every key the template reads,
with None for what the document does not hold, so the page shows "ikke angivet" instead of failing."""

import datetime as dt


def _text(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _texts(value) -> list[str]:
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list | tuple):
        return []
    return [t for t in (_text(v) for v in value) if t]


def _weeks(value) -> int | None:
    try:
        weeks = int(value)
    except (TypeError, ValueError):
        return None
    return weeks if weeks >= 1 else None


def _date(value) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    return _text(value)


def _part(doc: dict, key: str) -> dict:
    value = doc.get(key)
    return value if isinstance(value, dict) else {}


def readable(doc) -> dict:
    """Every field of the agreement template; None (or an empty list) where the document has no value."""
    doc = doc if isinstance(doc, dict) else {}
    citizen, company, placement = _part(doc, "citizen"), _part(doc, "company"), _part(doc, "placement")
    return {
        "imported": bool(doc.get("imported")),
        "signed_on": _date(doc.get("signed_on")),
        "citizen": {"name": _text(citizen.get("name"))},
        "company": {key: _text(company.get(key)) for key in
                    ("name", "cvr", "workplace", "contact", "contact_phone", "contact_email")},
        "placement": {"kind_name": _text(placement.get("kind_name")), "title": _text(placement.get("title")),
                      "purpose_name": _text(placement.get("purpose_name")),
                      "planned_end": _date(placement.get("planned_end"))},
        "start": _date(doc.get("start")) or _date(placement.get("start")),
        "hours_per_week": _text(doc.get("hours_per_week")),
        "goal": _text(doc.get("goal")),
        "sub_goals": _texts(doc.get("sub_goals")),
        "tasks": _texts(doc.get("tasks")),
        "conversion": _text(doc.get("conversion")),
        "accommodations": _text(doc.get("accommodations")),
        "support": _text(doc.get("support")),
        "follow_up_weeks": _weeks(doc.get("follow_up_weeks")),
        "contact_info": _text(doc.get("contact_info")),
    }
