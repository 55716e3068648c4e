#!/usr/bin/env python3
"""WCAG 2 contrast of what a terminal shows: reads `tmux capture-pane -p -e`
output on stdin and checks every visible character against a background
scheme ("light": xterm's default black on white; "dark": white on black).
Colours are xterm's: the 16 basic ones of its default palette, the 6x6x6
cube and the grey ramp of the 256-colour palette. Dim (SGR 2) text is left
out: how dim renders is the terminal's choice. Prints the failures and
exits 1 when a character's contrast is under the minimum (4.5, AA).

usage: contrast.py light|dark [MIN] < screen
"""
import re
import sys

BASIC = ["000000", "cd0000", "00cd00", "cdcd00", "0000ee", "cd00cd", "00cdcd", "e5e5e5",
         "7f7f7f", "ff0000", "00ff00", "ffff00", "5c5cff", "ff00ff", "00ffff", "ffffff"]
LEVELS = [0, 95, 135, 175, 215, 255]


def rgb(index):
    if index < 16:
        h = BASIC[index]
        return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))
    if index >= 232:
        v = 8 + 10 * (index - 232)
        return (v, v, v)
    i = index - 16
    return (LEVELS[i // 36], LEVELS[(i // 6) % 6], LEVELS[i % 6])


def luminance(c):
    def lin(v):
        v /= 255.0
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = c
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def ratio(a, b):
    la, lb = luminance(a), luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def main():
    scheme = sys.argv[1]
    minimum = float(sys.argv[2]) if len(sys.argv) > 2 else 4.5
    dfg, dbg = ((0, 0, 0), (255, 255, 255)) if scheme == "light" else \
        ((255, 255, 255), (0, 0, 0))
    failures = []
    for row, line in enumerate(sys.stdin.read().split("\n")):
        fg = bg = None
        rev = dim = False
        pos = 0
        while pos < len(line):
            m = SGR.match(line, pos)
            if m:
                codes = [int(x) if x else 0 for x in re.split("[;:]", m.group(1))]
                i = 0
                while i < len(codes):
                    c = codes[i]
                    if c == 0:
                        fg = bg = None
                        rev = dim = False
                    elif c == 2:
                        dim = True
                    elif c == 22:
                        dim = False
                    elif c == 7:
                        rev = True
                    elif c == 27:
                        rev = False
                    elif 30 <= c <= 37:
                        fg = rgb(c - 30)
                    elif 90 <= c <= 97:
                        fg = rgb(c - 90 + 8)
                    elif 40 <= c <= 47:
                        bg = rgb(c - 40)
                    elif 100 <= c <= 107:
                        bg = rgb(c - 100 + 8)
                    elif c == 39:
                        fg = None
                    elif c == 49:
                        bg = None
                    elif c in (38, 48) and i + 2 < len(codes) and codes[i + 1] == 5:
                        if c == 38:
                            fg = rgb(codes[i + 2])
                        else:
                            bg = rgb(codes[i + 2])
                        i += 2
                    elif c in (38, 48) and i + 4 < len(codes) and codes[i + 1] == 2:
                        col = tuple(codes[i + 2:i + 5])
                        if c == 38:
                            fg = col
                        else:
                            bg = col
                        i += 4
                    i += 1
                pos = m.end()
                continue
            ch = line[pos]
            pos += 1
            if ch.isspace() or dim:
                continue
            f, b = fg or dfg, bg or dbg
            if rev:
                f, b = b, f
            r = ratio(f, b)
            if r < minimum:
                failures.append((row, ch, f, b, r))
    seen = set()
    for row, ch, f, b, r in failures:
        key = (row, f, b)
        if key in seen:
            continue
        seen.add(key)
        print("row %d: '%s' #%02x%02x%02x on #%02x%02x%02x: %.2f:1 (under %.1f)" %
              ((row, ch) + f + b + (r, minimum)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
