"""The result as an inline SVG (no script, nothing fetched): monthly income per hours a week, benefit below and
wage on top, the chosen hours marked. The table behind it is rendered next to it."""

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 360, 220, 44, 30, 12


def income_chart(rows) -> dict | None:
    if not rows:
        return None
    top = max(float(r.income) for r in rows) or 1.0
    step_value = _nice_step(top / 4)
    top = step_value * (int(top // step_value) + 1)
    plot_h = HEIGHT - BOTTOM - TOP
    step = (WIDTH - LEFT - 6) / len(rows)
    bar = min(30.0, step * 0.7)
    base = HEIGHT - BOTTOM
    bars = []
    for i, r in enumerate(rows):
        x = LEFT + i * step + (step - bar) / 2
        bh = float(r.benefit) / top * plot_h
        wh = float(r.earnings) / top * plot_h
        bars.append({"x": round(x, 1), "w": round(bar, 1), "by": round(base - bh, 1), "bh": round(bh, 1),
                     "wy": round(base - bh - wh, 1), "wh": round(wh, 1), "lx": round(x + bar / 2, 1),
                     "row": r, "hours": _hours(r.hours_per_week)})
    grid = []
    v = 0.0
    while v <= top + 0.5:
        grid.append({"y": round(base - v / top * plot_h, 1), "v": f"{int(v / 1000)}k" if v else "0"})
        v += step_value
    return {"width": WIDTH, "height": HEIGHT, "bars": bars, "grid": grid, "left": LEFT, "right": WIDTH - 2,
            "label_y": HEIGHT - 14, "axis_y": HEIGHT - 2}


def _nice_step(raw: float) -> float:
    for step in (1000, 2000, 2500, 5000, 10000, 20000, 25000, 50000):
        if raw <= step:
            return float(step)
    return 100000.0


def _hours(value) -> str:
    text = f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)
    return text.replace(".", ",")
