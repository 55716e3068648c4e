#!/usr/bin/env python3
"""Reader-mode benchmark (issue 12): 1,000 generated news pages of 100-300 KB
(half Arabic, half English; menus, inline scripts and styles, share bars,
related lists, comment boxes, footers around an article of 6-30 paragraphs,
sometimes split over several blocks) extracted in one process, on one core
(taskset -c 0 when available), by bench/extract_bench. Prints the pages per
second and the peak memory, then checks on a sample with `newsreader
extract --text` that the article's first and last paragraphs are kept and
the boilerplate is gone.

    python3 bench/bench_extract.py --bench ./bench/extract_bench \
        --newsreader ./newsreader [--pages 1000] [--seed 12]
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile

EN_WORDS = ("harbour council ferry island night service crew budget petition residents "
            "timetable fare evening morning market prices weather storm bridge repairs "
            "library students teachers museum garden orchard river valley railway station "
            "engineers report minister budget year month week quarter growth exports").split()
AR_WORDS = ("المدينة المجلس العبارة الجزيرة الليل الخدمة الطاقم الميزانية العريضة السكان "
            "الجدول الأجرة المساء الصباح السوق الأسعار الطقس العاصفة الجسر الإصلاحات "
            "المكتبة الطلاب المعلمون المتحف الحديقة البستان النهر الوادي القطار المحطة "
            "المهندسون التقرير الوزير العام الشهر الأسبوع الربع النمو الصادرات").split()


def sentence(rng, words, n):
    return " ".join(rng.choice(words) for _ in range(n))


def paragraph(rng, words, ar, tag):
    comma = "، " if ar else ", "
    parts = [sentence(rng, words, rng.randint(6, 14)) for _ in range(rng.randint(2, 5))]
    return "%s %s%s." % (tag, comma.join(parts), "")


def script_blob(rng, size):
    # Inline state of a modern page: JSON-ish JavaScript.
    out = ["window.__STATE__ = {"]
    n = 0
    while n < size:
        k = "k%d" % rng.randint(0, 10**6)
        v = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(40))
        s = '"%s": "%s", ' % (k, v)
        out.append(s)
        n += len(s)
    out.append("};")
    return "".join(out)


def page(rng, i):
    ar = i % 2 == 0
    words = AR_WORDS if ar else EN_WORDS
    target = rng.randint(100, 300) * 1024
    paras = [paragraph(rng, words, ar, "P%dFIRST" % i if k == 0 else "") for k in
             range(rng.randint(6, 30))]
    paras[-1] = paras[-1] + " P%dLAST" % i
    title = sentence(rng, words, 7)
    nav = "".join('<li class="menu-item"><a href="/section/%d">%s</a></li>'
                  % (k, sentence(rng, words, 2)) for k in range(rng.randint(40, 120)))
    related = "".join('<li><a href="/story/%d">%s</a></li>' % (k, sentence(rng, words, 8))
                      for k in range(rng.randint(8, 20)))
    comments = "".join('<div class="comment"><b>user%d</b><p>BOILER %s</p></div>'
                       % (k, sentence(rng, words, 12)) for k in range(rng.randint(0, 12)))
    # The article, sometimes split over several wrappers.
    if rng.random() < 0.3:
        third = max(1, len(paras) // 3)
        body = "".join('<div class="story-part"><p>%s</p></div><div class="promo">'
                       '<a href="/subscribe">BOILER subscribe</a></div>'
                       % "</p><p>".join(paras[k:k + third])
                       for k in range(0, len(paras), third))
    else:
        body = '<div class="article-body">%s</div>' % "".join("<p>%s</p>" % p for p in paras)
    html = ['<!DOCTYPE html><html lang="%s"%s><head><meta charset="utf-8">'
            '<title>%s | Site %d</title><style>%s</style></head><body>'
            % ("ar" if ar else "en", ' dir="rtl"' if ar else "", title, i % 7,
               ".c{margin:0;padding:1px}" * rng.randint(200, 600)),
            '<header class="site-header"><nav><ul>%s</ul></nav></header>' % nav,
            '<main><article><h1>%s</h1><div class="byline">BOILER byline</div>%s'
            '<div class="share-bar"><a href="/s">BOILER share</a><a href="/t">tweet</a></div>'
            '</article><aside class="sidebar"><h3>Related</h3><ul>%s</ul></aside>'
            '<section class="comments">%s<form><textarea></textarea>'
            '<span>0/400</span></form></section></main>'
            % (title, body, related, comments),
            '<footer class="site-footer"><p>BOILER footer all rights reserved</p>%s</footer>'
            % "".join('<a href="/f/%d">link %d</a> ' % (k, k) for k in range(60))]
    size = sum(len(h.encode()) for h in html)
    if size < target:
        html.append("<script>%s</script>" % script_blob(rng, target - size - 40))
    html.append("</body></html>")
    return "".join(html).encode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", required=True)
    ap.add_argument("--newsreader", required=True)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=12)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    tmp = tempfile.mkdtemp(prefix="nr-bench-extract.")
    try:
        files = []
        for i in range(a.pages):
            p = os.path.join(tmp, "p%04d.html" % i)
            with open(p, "wb") as f:
                f.write(page(rng, i))
            files.append(p)
        cmd = [a.bench] + files
        if shutil.which("taskset"):
            cmd = ["taskset", "-c", "0"] + cmd
        # Once to warm the page cache, then the measured run.
        subprocess.run(cmd, capture_output=True, check=True)
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        res = dict(line.split(" ", 1) for line in out.split("\n") if line)
        print("pages %s, mean %s KiB, %s refused" % (res["pages"], res["mean_kib"],
                                                    res["refused"]))
        print("wall %s s, CPU %s s: %s pages/s on one core (%.1f per CPU second), "
              "peak RSS %s MiB" % (res["wall_s"], res["cpu_s"], res["pages_per_s"],
                                   int(res["pages"]) / float(res["cpu_s"]),
                                   res["peak_rss_mib"]))
        # Quality on a sample: the whole article, none of the boilerplate.
        ok = 0
        sample = files[::max(1, len(files) // 50)]
        for i, p in enumerate(sample):
            n = files.index(p)
            t = subprocess.run([a.newsreader, "extract", "--text", p], capture_output=True,
                               text=True).stdout
            if "P%dFIRST" % n in t and "P%dLAST" % n in t and "BOILER" not in t:
                ok += 1
        print("sample of %d pages: %d with the whole article and no boilerplate"
              % (len(sample), ok))
    finally:
        shutil.rmtree(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
