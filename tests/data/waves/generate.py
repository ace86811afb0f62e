#!/usr/bin/env python3
"""Writes wave1.csv .. wave5.csv: five fabricated waves of 80 respondents each.

By construction (counts A, O, M, I per wave):
- "Same-day delivery" drifts attractive -> one-dimensional -> must-be (habituation);
- "Gift wrapping" stays indifferent, wobbling by a few answers (stable);
- "Order tracking" moves from must-be to indifferent (reverse-drift).
Run from this directory: python3 generate.py
"""
import csv

COUNTS = {
    "Same-day delivery": [(50, 15, 5, 10), (40, 25, 5, 10), (20, 45, 5, 10), (10, 45, 15, 10), (5, 20, 45, 10)],
    "Gift wrapping": [(15, 5, 5, 55), (17, 4, 6, 53), (14, 6, 5, 55), (16, 5, 4, 55), (15, 6, 5, 54)],
    "Order tracking": [(5, 10, 50, 15), (6, 10, 48, 16), (5, 10, 45, 20), (6, 8, 30, 36), (5, 5, 15, 55)],
}
LIKE, MUST, NEUTRAL, LIVE, DISLIKE = "I like it", "I expect it", "I am neutral", "I can live with it", "I dislike it"
# Several answer pairs per category, used in turn, so no respondent straight-lines.
PAIRS = {
    "A": [(LIKE, NEUTRAL), (LIKE, LIVE), (LIKE, MUST)],
    "O": [(LIKE, DISLIKE)],
    "M": [(NEUTRAL, DISLIKE), (MUST, DISLIKE), (LIVE, DISLIKE)],
    "I": [(NEUTRAL, NEUTRAL), (MUST, LIVE), (LIVE, NEUTRAL), (NEUTRAL, MUST)],
}

for wave in range(5):
    columns = []
    for k, (name, series) in enumerate(COUNTS.items()):
        a, o, m, i = series[wave]
        cats = ["A"] * a + ["O"] * o + ["M"] * m + ["I"] * i
        assert len(cats) == 80
        # A different fixed rotation per feature spreads the categories over respondents.
        shift = 17 * k
        cats = cats[shift:] + cats[:shift]
        columns.append([PAIRS[c][(r + k) % len(PAIRS[c])] for r, c in enumerate(cats)])
    with open(f"wave{wave + 1}.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        header = ["respondent"]
        for name in COUNTS:
            header += [f"{name} (functional)", f"{name} (dysfunctional)"]
        w.writerow(header)
        for r in range(80):
            row = [f"w{wave + 1}-{r + 1}"]
            for col in columns:
                row += list(col[r])
            w.writerow(row)
