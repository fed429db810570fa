"""Inline SVG charts (no script, nothing fetched): hours week by week and task mastery over follow-ups."""

from jobspor.core.weeks import week_label

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 220, 36, 28, 14


def hours_chart(rows) -> dict | None:
    """Stacked bars per week: internship hours below, ordinary hours on top."""
    if not rows:
        return None
    top = max(10, max(float(r.internship_hours + r.ordinary_hours) for r in rows))
    top = int((top + 9) // 10 * 10)
    plot_h = HEIGHT - BOTTOM - TOP
    step = (WIDTH - LEFT - 8) / len(rows)
    bar = max(2.0, min(28.0, step * 0.7))
    bars = []
    label_every = -(-len(rows) // 6)  # at most six labels: "uge 50 (2026)" needs the room
    for i, r in enumerate(rows):
        x = LEFT + i * step + (step - bar) / 2
        ih = float(r.internship_hours) / top * plot_h
        oh = float(r.ordinary_hours) / top * plot_h
        base = HEIGHT - BOTTOM
        bars.append({"x": round(x, 1), "w": round(bar, 1), "iy": round(base - ih, 1), "ih": round(ih, 1),
                     "oy": round(base - ih - oh, 1), "oh": round(oh, 1), "week": week_label(r.week),
                     "internship": r.internship_hours, "ordinary": r.ordinary_hours,
                     "label": week_label(r.week) if i % label_every == 0 else "", "lx": round(x + bar / 2, 1)})
    grid = [{"y": round(HEIGHT - BOTTOM - v / top * plot_h, 1), "v": v} for v in range(0, top + 1, max(5, top // 4))]
    return {"width": WIDTH, "height": HEIGHT, "bars": bars, "grid": grid, "left": LEFT, "right": WIDTH - 4,
            "base": HEIGHT - BOTTOM, "label_y": HEIGHT - 10}


def task_charts(follow_ups) -> list[dict]:
    """One small line chart per task: the citizen's and the company's rating (1–10) at each follow-up."""
    by_task = {}
    for f in sorted(follow_ups, key=lambda f: (f.date, f.pk)):
        for r in f.ratings.all():
            by_task.setdefault(r.task, []).append((f.date, r.citizen_rating, r.company_rating))
    charts = []
    w, h, left, bottom, top = 320, 120, 24, 20, 12
    for task, points in by_task.items():
        n = len(points)
        step = (w - left - 10) / max(1, n - 1)

        def y(v):
            return round(h - bottom - (v - 1) / 9 * (h - bottom - top), 1)

        xs = [round(left + i * step, 1) if n > 1 else left + (w - left) / 2 for i in range(n)]
        charts.append({
            "task": task, "width": w, "height": h, "left": left, "right": w - 4,
            # The citizen's line skips follow-ups the company rated on its own (no citizen rating).
            "citizen": " ".join(f"{x},{y(p[1])}" for x, p in zip(xs, points, strict=True) if p[1] is not None),
            "company": " ".join(f"{x},{y(p[2])}" for x, p in zip(xs, points, strict=True)),
            "dots": [{"x": x, "cy": y(p[1]) if p[1] is not None else None, "ky": y(p[2]), "date": p[0],
                      "c": p[1] if p[1] is not None else "–", "k": p[2]}
                     for x, p in zip(xs, points, strict=True)],
            "grid": [{"y": y(v), "v": v} for v in (1, 5, 8, 10)],
            "latest": points[-1],
        })
    return charts
