"""Inline-SVG charts, drawn on the server as the KPI dashboard's are (no script, nothing fetched): fidelity and
the team's results per cycle on one 0–100 % scale, and caseload bars against the norm."""

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

# (key, label, colour, dash pattern): colour and dash both tell the lines apart (not colour alone).
SERIES = [
    ("fidelity", _("Troskab (Test praksis)"), "#0059b3", ""),
    ("company_placement", _("I virksomhedsforløb"), "#008139", "8 4"),
    ("ordinary_hours", _("Har haft ordinære timer"), "#b35900", "2 4"),
    ("continuous_13_weeks", _("13 sammenhængende uger"), "#6f2c91", "10 4 2 4"),
    ("exit_employment_or_education", _("Afsluttet til job eller uddannelse"), "#a50034", "4 2"),
]
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 680, 300, 48, 24, 16, 44


def percent(row, key):
    if key == "fidelity":
        return row.fidelity.percent
    share = row.figures[key]["share"]
    return None if share is None else round(100 * share, 1)


def lines_chart(rows) -> dict:
    """`rows`: selectors.ResultRow, oldest first."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(rows) - 1, 1)
    xs = [round(LEFT + i * step, 1) for i in range(len(rows))]

    def y(pct):
        return round(TOP + (100 - pct) / 100 * plot_h, 1)

    series = []
    for key, label, colour, dash in SERIES:
        points, segments, current = [], [], []
        for x, row in zip(xs, rows, strict=True):
            pct = percent(row, key)
            if pct is None:
                if current:
                    segments.append(current)
                current = []
                continue
            points.append({"x": x, "y": y(pct), "pct": pct, "text": number_format(pct, 1), "label": row.label})
            current.append(f"{x},{y(pct)}")
        if current:
            segments.append(current)
        series.append({"key": key, "label": label, "colour": colour, "dash": dash,
                       "width": 3 if key == "fidelity" else 2,
                       "segments": [" ".join(s) for s in segments if len(s) > 1], "points": points})
    grid = [{"y": y(p), "label": f"{p} %"} for p in (0, 25, 50, 75, 100)]
    ticks = [{"x": x, "label": row.label} for x, row in zip(xs, rows, strict=True)]
    return {"width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "base": TOP + plot_h,
            "grid": grid, "ticks": ticks, "series": series, "tick_y": TOP + plot_h + 18}


def caseload_bars(rows, norm: int | None) -> dict:
    """Bars of open cases per primary contact, scaled to the largest caseload or the norm; the norm's place on
    the scale (None: no norm, no line)."""
    top = max([r["cases"] for r in rows] + [norm or 0, 1])
    bars = [{**r, "pct": round(100 * r["cases"] / top, 1),
             "over": norm is not None and r["cases"] > norm,
             "over_by": r["cases"] - norm if norm is not None else None} for r in rows]
    return {"bars": bars, "norm_pct": None if norm is None else round(100 * norm / top, 1), "top": top}
