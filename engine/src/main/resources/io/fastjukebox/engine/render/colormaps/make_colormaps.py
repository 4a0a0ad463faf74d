#!/usr/bin/env python3
"""Regenerate magma.txt, viridis.txt and greys.txt from matplotlib's colormaps.

Usage (from any directory):  python3 make_colormaps.py
Each output file has 256 lines, one colour per line as lowercase RRGGBB hex
(no '#'); line 1 (index 0) is the colour for the lowest value.
"""
import os

import matplotlib
from matplotlib.colors import to_hex

OUT_DIR = os.path.dirname(os.path.abspath(__file__))
N = 256

# output file stem -> matplotlib colormap name.
# "greys" uses matplotlib's 'gray' map (0 = black, 255 = white); matplotlib's
# own 'Greys' map runs the other way (white to black).
MAPS = {"magma": "magma", "viridis": "viridis", "greys": "gray"}


def get_cmap(name, n):
    try:  # matplotlib >= 3.5
        return matplotlib.colormaps[name].resampled(n)
    except (AttributeError, KeyError):
        return matplotlib.cm.get_cmap(name, n)


def main():
    for stem, name in MAPS.items():
        cmap = get_cmap(name, N)
        lines = [to_hex(cmap(i), keep_alpha=False)[1:].lower() for i in range(N)]
        assert len(lines) == N and all(len(s) == 6 for s in lines)
        path = os.path.join(OUT_DIR, stem + ".txt")
        with open(path, "w", newline="\n") as f:
            f.write("\n".join(lines) + "\n")
        print(f"{path}: {name}, {lines[0]} .. {lines[-1]}")


if __name__ == "__main__":
    main()
