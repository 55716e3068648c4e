#!/usr/bin/env python3
"""A script feed for the tests (exec: lines): prints an RSS document with an
Arabic and an English item on stdout, the way a user's script would.

Options (all optional, in any order):
  --argv-out FILE   write this process's argv (after the options) as JSON
  --fds-out FILE    write the names in /proc/self/fd (what we inherited)
  --pid-out FILE    write this process's pid (once started)
  --sleep SECONDS   sleep first (a slow or hanging script)
  --stderr TEXT     write TEXT to stderr (\\n: a newline, \\e: ESC)
  --exit N          exit with status N after printing nothing
  --hostile         the English title carries terminal escape sequences
  --tag WORD        put WORD in the titles and guids (tells feeds apart)
Everything after the options is just recorded by --argv-out.
"""

import json
import os
import sys
import time


def main():
    args = sys.argv[1:]
    opts = {}
    rest = []
    while args:
        a = args.pop(0)
        if a in ("--argv-out", "--fds-out", "--pid-out", "--sleep", "--stderr", "--exit", "--tag"):
            opts[a] = args.pop(0)
        elif a == "--hostile":
            opts[a] = True
        else:
            rest.append(a)
    if "--fds-out" in opts:
        # Listed before anything else is opened here.
        names = sorted(os.listdir("/proc/self/fd"), key=int)
        with open(opts["--fds-out"], "w") as f:
            json.dump(names, f)
    if "--pid-out" in opts:
        with open(opts["--pid-out"] + ".tmp", "w") as f:
            f.write("%d\n" % os.getpid())
        os.rename(opts["--pid-out"] + ".tmp", opts["--pid-out"])
    if "--argv-out" in opts:
        with open(opts["--argv-out"], "w", encoding="utf-8") as f:
            json.dump(rest, f, ensure_ascii=False)
    if "--stderr" in opts:
        text = opts["--stderr"].replace("\\n", "\n").replace("\\e", "\x1b")
        sys.stderr.write(text)
        sys.stderr.flush()
    if "--sleep" in opts:
        time.sleep(float(opts["--sleep"]))
    if "--exit" in opts:
        return int(opts["--exit"])
    tag = opts.get("--tag", "exec")
    english = "Script feed works (%s)" % tag
    if "--hostile" in opts:
        english = "Hostile \x1b[2J\x1b]0;pwned\x07title\x1b[31m red (%s)" % tag
    sys.stdout.write("""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Script %(tag)s</title><link>https://example.org/</link>
<description>made by a script</description>
<item><title>%(en)s</title><guid>%(tag)s-en</guid>
<link>https://example.org/%(tag)s/en</link><description>English body</description></item>
<item><title>خبر من السكربت (%(tag)s)</title><guid>%(tag)s-ar</guid>
<link>https://example.org/%(tag)s/ar</link><description>نص عربي</description></item>
</channel></rss>
""" % {"tag": tag, "en": english.replace("&", "&amp;").replace("<", "&lt;")})
    return 0


if __name__ == "__main__":
    sys.exit(main())
