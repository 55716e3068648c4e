#!/usr/bin/env python3
"""The download-command and enclosure-command of tests/tui_enclosure.sh.

Records its argv (one JSON array per line in --log), so the test can check
that a hostile URL or type arrived as exactly one argument. With --record it
stops there (an enclosure-command). Otherwise it downloads argv URL into
FILE from 127.0.0.1 only (never anything else): the first half, then, with
--gate PATH, waits (at most 30 s) until PATH exists before the rest, so the
test can see the progress at 50%.
"""
import json
import os
import sys
import time
import urllib.parse
import urllib.request


def main():
    args = sys.argv[1:]
    log = gate = None
    record = False
    while args and args[0].startswith("--"):
        opt = args.pop(0)
        if opt == "--log":
            log = args.pop(0)
        elif opt == "--gate":
            gate = args.pop(0)
        elif opt == "--record":
            record = True
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps(sys.argv, ensure_ascii=False) + "\n")
    if record:
        return 0
    url, target = args[0], args[1]
    if urllib.parse.urlsplit(url).hostname != "127.0.0.1":
        print("refusing a non-loopback URL", file=sys.stderr)
        return 2
    # The URL as the feed wrote it (a space, quotes): escaped for the request.
    quoted = urllib.parse.quote(url, safe=":/?&=%;$()'~")
    data = urllib.request.urlopen(quoted, timeout=10).read()
    half = len(data) // 2
    with open(target, "wb") as f:
        f.write(data[:half])
        f.flush()
        if gate:
            deadline = time.time() + 30
            while not os.path.exists(gate):
                if time.time() > deadline:
                    return 3
                time.sleep(0.05)
        f.write(data[half:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
