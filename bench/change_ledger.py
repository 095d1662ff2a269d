#!/usr/bin/env python3
"""Writes a copy of a ledger with 1 row in N changed: the client paid 10.00 of it (deterministic).

  bench/change_ledger.py IN.csv OUT.csv [--every 100]

For the "1 % changed" re-sync benchmark: the changed rows stay open (amounts are at least 100.00).
Keeps the input's modification time, so the copy is as fresh for the stale-ledger guard.
"""

import argparse
import csv
import os


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--every", type=int, default=100)
    args = parser.parse_args()
    changed = 0
    with open(args.source, encoding="utf-8", newline="") as source, \
            open(args.target, "w", encoding="utf-8", newline="") as target:
        reader = csv.reader(source)
        writer = csv.writer(target, lineterminator="\n")
        header = next(reader)
        writer.writerow(header)
        paid = header.index("paid")
        for n, row in enumerate(reader):
            if n % args.every == 0:
                row[paid] = "10.00"
                changed += 1
            writer.writerow(row)
    stat = os.stat(args.source)
    os.utime(args.target, (stat.st_atime, stat.st_mtime))
    print("changed=%d" % changed)


if __name__ == "__main__":
    main()
