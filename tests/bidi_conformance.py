#!/usr/bin/env python3
"""Unicode's bidi conformance file through `newsreader render`.

Every test of BidiCharacterTest.txt (Debian's unicode-data; the test is
skipped, exit 77, when it is missing) is one line of
`render --input text --width 0 --no-shape --dir ltr|rtl|auto`; one render
process per direction lays out thousands of lines, so the whole file takes
three processes. The expected line is built from the file's own answer:

- the characters of field 4 (visual order, X9-removed characters already
  left out), mirrored at odd levels (rule L4, BidiMirroring.txt), since
  render mirrors;
- rule L3 applied the way render draws combining marks: a run of
  non-spacing marks at an odd level follows its base character instead of
  preceding it (the file itself stops at L2, before L3 and L4);
- explicit bidi controls (U+202A-202E, U+2066-2069, U+200E, U+200F, U+061C)
  left out, since render never prints them, and a tab shown as a space;
- trailing spaces trimmed, as render trims them.
Characters the file removes in rule X9 that render keeps in the logical
text but does not draw as cells of their own (ZWJ, ZWSP, WJ, soft hyphen)
are removed from render's output before comparing: the file gives them no
position.

Direction 2 (auto) tests are each preceded by a line "a": render lets a
paragraph without strong characters follow the paragraph before it (a
higher-level protocol UAX #9 allows, HL1), and "a" makes that one LTR as
P3 says.

No class of test is skipped: every line of the file must pass.
"""
import os
import subprocess
import sys
import unicodedata

TEST = os.environ.get("NR_BIDI_TEST", "/usr/share/unicode/BidiCharacterTest.txt")
MIRROR = os.path.join(os.path.dirname(TEST), "BidiMirroring.txt")
BIDI_CONTROLS = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}


def load_mirrors():
    m = {}
    with open(MIRROR, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            a, b = line.split(";")
            m[int(a, 16)] = int(b, 16)
    return m


def expected_line(cps, levels, order, mirrors):
    # Logical sequence without the X9-removed characters, with L3 (fribidi's
    # way: a base and its marks reversed before L2 so they come out in order).
    seq = [i for i in range(len(cps)) if levels[i] is not None]
    pos = len(seq) - 1
    while pos >= 0:
        i = seq[pos]
        lev = levels[i]
        if lev % 2 == 1 and unicodedata.bidirectional(chr(cps[i])) == "NSM":
            end = pos
            pos -= 1
            while pos >= 0 and levels[seq[pos]] == lev and \
                    unicodedata.bidirectional(chr(cps[seq[pos]])) == "NSM":
                pos -= 1
            if pos < 0 or levels[seq[pos]] != lev:
                pos += 1
            seq[pos:end + 1] = seq[pos:end + 1][::-1]
        pos -= 1
    # L2 over the remaining characters.
    if seq:
        top = max(levels[i] for i in seq)
        low = min(levels[i] for i in seq)
        low = low + 1 if low % 2 == 0 else low
        for lev in range(top, low - 1, -1):
            k = 0
            while k < len(seq):
                if levels[seq[k]] >= lev:
                    j = k
                    while j < len(seq) and levels[seq[j]] >= lev:
                        j += 1
                    seq[k:j] = seq[k:j][::-1]
                    k = j
                else:
                    k += 1
    # Sanity: without marks this is exactly the file's order.
    out = []
    for i in seq:
        c = cps[i]
        if c in BIDI_CONTROLS:
            continue
        if levels[i] % 2 == 1:
            c = mirrors.get(c, c)
        if c == 0x09:
            c = 0x20
        out.append(chr(c))
    return "".join(out).rstrip(" "), seq


def main():
    nr = os.environ.get("NEWSREADER") or (sys.argv[1] if len(sys.argv) > 1 else None)
    if not nr:
        print("NEWSREADER is not set")
        return 99
    if not os.path.exists(TEST) or not os.path.exists(MIRROR):
        print("skip: %s not found (Debian package unicode-data)" % TEST)
        return 77
    mirrors = load_mirrors()
    batches = {0: [], 1: [], 2: []}
    total = 0
    with open(TEST, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            fields = line.split(";")
            cps = [int(x, 16) for x in fields[0].split()]
            pdir = int(fields[1])
            levels = [None if x == "x" else int(x) for x in fields[3].split()]
            order = [int(x) for x in fields[4].split()]
            exp, seq = expected_line(cps, levels, order, mirrors)
            has_nsm = any(unicodedata.bidirectional(chr(c)) == "NSM" for c in cps)
            if not has_nsm and seq != order:
                print("line %d: the test's own L2 check failed" % lineno)
                return 99
            removed = {cps[i] for i in range(len(cps)) if levels[i] is None}
            batches[pdir].append((lineno, "".join(chr(c) for c in cps), exp, removed))
            total += 1

    failures = 0
    shown = 0
    for pdir, name in ((0, "ltr"), (1, "rtl"), (2, "auto")):
        tests = batches[pdir]
        if not tests:
            continue
        lines = []
        for t in tests:
            if pdir == 2:
                lines.append("a")
            lines.append(t[1])
        data = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
        p = subprocess.run([nr, "render", "--input", "text", "--width", "0",
                            "--no-shape", "--dir", name, "-"],
                           input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0:
            print("render --dir %s exited %d: %s" % (name, p.returncode,
                                                     p.stderr.decode(errors="replace")[:2000]))
            return 1
        out = p.stdout.decode("utf-8").split("\n")
        if out and out[-1] == "":
            out.pop()
        if len(out) != len(lines):
            print("render --dir %s: %d lines in, %d out" % (name, len(lines), len(out)))
            return 1
        if pdir == 2:
            out = out[1::2]
        for (lineno, _, exp, removed), got in zip(tests, out):
            got = "".join(ch for ch in got if ord(ch) not in removed).rstrip(" ")
            if got != exp:
                failures += 1
                if shown < 20:
                    shown += 1
                    print("line %d (%s): expected %s got %s" % (
                        lineno, name, " ".join("%04X" % ord(c) for c in exp),
                        " ".join("%04X" % ord(c) for c in got)))
    print("BidiCharacterTest: %d lines, %d pass, %d fail, 0 skipped" % (
        total, total - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
