#!/usr/bin/env python3
"""notify-program for the tests: records its arguments (after the first,
which names the output file) as a JSON list, with where its stdin and
stdout point, in OUTFILE (written to a temporary name, then renamed, so a
reader never sees half a file). It runs nothing it is given."""
import json
import os
import sys

out = sys.argv[1]
rec = {
    "argv": sys.argv[2:],
    "stdin": os.readlink("/proc/self/fd/0"),
    "stdout": os.readlink("/proc/self/fd/1"),
}
with open(out + ".tmp", "w", encoding="utf-8") as f:
    json.dump(rec, f, ensure_ascii=False)
os.rename(out + ".tmp", out)
