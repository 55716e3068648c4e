#!/usr/bin/env python3
"""A filter: feed's command for the tests: reads a feed document on stdin
and writes it back with every <title> of an item prefixed by PREFIX (its
first argument), so a test can tell the filtered feed from the original."""

import re
import sys


def main():
    prefix = sys.argv[1] if len(sys.argv) > 1 else "[filtered]"
    doc = sys.stdin.buffer.read().decode("utf-8")
    # Item titles only: the channel's title comes before the first item.
    head, sep, items = doc.partition("<item")
    items = re.sub(r"<title>", "<title>%s " % prefix, items)
    sys.stdout.write(head + sep + items)
    return 0


if __name__ == "__main__":
    sys.exit(main())
