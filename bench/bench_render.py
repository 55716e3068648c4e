#!/usr/bin/env python3
"""Layout benchmark: `newsreader render` on a 1 MB mixed Arabic/English
document at widths 80 and 200, next to Debian's `fribidi` command on the same
text in the same run (fribidi does less: it breaks lines after reordering
the whole paragraph and knows nothing of grapheme clusters or wrapping at
spaces).

Prints throughput (MB/s of input, from CPU time), CPU time per 100x50 screen
(CPU time / number of 50-line screens produced at width 100) and peak memory.
Usage: bench/bench_render.py [--newsreader PATH] [--runs N]
"""
import argparse, os, shutil, subprocess, sys, tempfile, time

AR = ("أعلنت منصة Gate Alpha اليوم إدراج عملة FROG بعد ارتفاعها 3.5% إلى $3.53K، "
      "وقال محللون إن عدد الحاملين تجاوز 128 محفظة خلال عام 2026 (وفق بيانات السوق). "
      "يرى المتداولون أن «السيولة» ما زالت ضعيفة، لذلك يُنصح بالحذر قبل الشراء. ")
EN = ("The exchange listed the token on Monday; its market cap reached $1.2M while "
      "holders grew to 3,400 and the 24h change stayed at +4.20%. ")


def make_doc(path, size):
    paras = []
    n = 0
    i = 0
    while n < size:
        if i % 3 == 2:
            p = EN * (2 + i % 4)
        else:
            p = AR * (1 + i % 3) + EN[: 40 + (i % 5) * 10]
        paras.append(p.strip())
        n += len(p.encode()) + 1
        i += 1
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(paras) + "\n")


def run(cmd, out_path):
    """(wall s, CPU s, peak RSS MiB) from GNU time: Python's own rusage would
    report the forked interpreter's RSS."""
    with open(out_path, "wb") as out, tempfile.NamedTemporaryFile("r") as tf:
        p = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", tf.name] + cmd,
                           stdout=out, stderr=subprocess.PIPE)
        fields = tf.read().split()[-4:]
    if p.returncode != 0:
        sys.exit("%s failed: %s" % (" ".join(cmd), p.stderr.decode(errors="replace")[-400:]))
    return float(fields[0]), float(fields[1]) + float(fields[2]), int(fields[3]) / 1024.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--newsreader", default=os.environ.get("NEWSREADER", "./newsreader"))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="nr-render-")
    try:
        doc = os.path.join(work, "doc.txt")
        make_doc(doc, 1 << 20)
        size_mb = os.path.getsize(doc) / 1e6
        out = os.path.join(work, "out.txt")
        print("input: %.2f MB, %d paragraphs" % (size_mb, sum(1 for _ in open(doc, encoding="utf-8"))))
        print("| command | width | wall s | CPU s | MB/s (CPU) | lines out | CPU ms per 100x50 screen | peak MiB |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        cases = []
        for w in (80, 100, 200):
            cases.append(("newsreader render --input text", w,
                          [args.newsreader, "render", "--input", "text", "--width", str(w), doc]))
            if shutil.which("fribidi"):
                cases.append(("fribidi", w, ["fribidi", "--width", str(w), doc]))
        for name, w, cmd in cases:
            best = None
            for _ in range(args.runs):
                r = run(cmd, out)
                if best is None or r[1] < best[1]:
                    best = r
            lines = sum(1 for _ in open(out, "rb"))
            wall, cpu, rss = best
            per_screen = (cpu * 1000.0 / (lines / 50.0)) if (w == 100 and lines) else float("nan")
            print("| %s | %d | %.3f | %.3f | %.1f | %d | %s | %.1f |" % (
                name, w, wall, cpu, size_mb / cpu if cpu else 0, lines,
                "%.3f" % per_screen if w == 100 else "", rss))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
