"""Compares an events.jsonl as its writer wrote it (read with Python's json) with what
`neurotop watch --once --json` printed for it, line for line: the same events with the same fields,
strings, integers and booleans equal, floats equal at float32 (neurotop keeps losses, accuracies
and gradient figures as float32, times and rates as float64).

A float written with more digits than float32 has is equal when watch gave back a float32 nearest
to it. A value that lies exactly halfway between two float32s (the Keras callback's per-batch
figures are differences of float32 running means, which can) has two nearest: the double Python
wrote rounds to even, while watch rounds the decimal text, which lies a hair to one side. Such ties
are counted apart.

Usage: python3 same_stream.py WRITTEN.jsonl WATCHED.jsonl   (exit status 1 on any difference)
"""
import json
import struct
import sys


def float32(value):
    return struct.unpack("<f", struct.pack("<f", value))[0]


def float32_spacing(value):
    """The distance from |value| (a float32) to the next float32 away from zero."""
    bits = struct.unpack("<I", struct.pack("<f", abs(value)))[0]
    return struct.unpack("<f", struct.pack("<I", bits + 1))[0] - abs(value)


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def main(written_path, watched_path):
    written = [json.loads(line) for line in open(written_path)]
    watched = [json.loads(line) for line in open(watched_path)]
    counts = {"values": 0, "ties": 0}
    problems = []

    def same(a, b, where):
        if isinstance(a, dict) and isinstance(b, dict):
            for key in sorted(set(a) | set(b)):
                if key not in b:
                    problems.append("%s.%s: dropped (%r)" % (where, key, a[key]))
                elif key not in a:
                    problems.append("%s.%s: added (%r)" % (where, key, b[key]))
                else:
                    same(a[key], b[key], where + "." + key)
        elif isinstance(a, list) and isinstance(b, list):
            if len(a) != len(b):
                problems.append("%s: %d items, %d read back" % (where, len(a), len(b)))
            for index, (x, y) in enumerate(zip(a, b)):
                same(x, y, "%s[%d]" % (where, index))
        else:
            counts["values"] += 1
            if is_number(a) and is_number(b) and (isinstance(a, float) or isinstance(b, float)):
                if a == b or float32(a) == float32(b):
                    return
                if abs(a - float32(b)) <= float32_spacing(float32(b)) / 2 * (1 + 1e-9):
                    counts["ties"] += 1
                    return
                problems.append("%s: %r, read back %r" % (where, a, b))
            elif a != b or type(a) is not type(b):
                problems.append("%s: %r, read back %r" % (where, a, b))

    for number, (a, b) in enumerate(zip(written, watched), 1):
        b = dict(b)
        b.pop("run", None)
        same(a, b, "line %d (%s)" % (number, a.get("event")))
    events = sorted({line.get("event") for line in written})
    print("  %d lines written (%s), %d read back; %d values compared, %d differ, %d float32 ties read as the other neighbour"
          % (len(written), " ".join(events), len(watched), counts["values"], len(problems), counts["ties"]))
    for problem in problems[:8]:
        print("  " + problem)
    return 0 if not problems and len(written) == len(watched) and written else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
