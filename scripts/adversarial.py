#!/usr/bin/env python3
"""Writes adversarial inputs for healthlint at a chosen size.

    scripts/adversarial.py --list
    scripts/adversarial.py NAME SIZE_BYTES OUT_FILE

Each input is built by repeating a unit until the file is about SIZE_BYTES long, so the same
input can be written at size S and 4S to check that time and memory grow linearly
(scripts/linearity.py). The names cover the pathological inputs of issue 13 (one enormous line,
unclosed constructs, deep nesting, long runs of one delimiter) and the classic others.
"""

import sys

CLAIM = "This miracle cure is proven safe and works for everyone. "


def repeat(unit, size, head="", tail=""):
    """`head`, then `unit` as many times as fits `size` bytes, then `tail`."""
    room = max(size - len(head.encode()) - len(tail.encode()), 0)
    count = max(room // max(len(unit.encode()), 1), 1)
    return head + unit * count + tail


def numbered(template, size, head="", tail=""):
    """Like `repeat`, with `{n}` in the unit replaced by a running number."""
    parts, total, n = [head], len(head.encode()), 0
    while total < size - len(tail.encode()) or n == 0:
        n += 1
        piece = template.format(n=n)
        parts.append(piece)
        total += len(piece.encode())
    parts.append(tail)
    return "".join(parts)


INPUTS = {
    # A finding far past display column 65,535 of its line.
    "long-column": lambda s: repeat("x", s, tail=" miracle cure.\n"),
    "tab-column": lambda s: repeat("\t", s, tail="This miracle cure works.\n"),
    # tree-sitter's recursion and per-byte allocation on unclosed inline links and images.
    "link-open": lambda s: repeat("[a](", s),
    "image-open": lambda s: repeat("![", s),
    # One sentence that never ends, full of triggers.
    "run-on": lambda s: repeat("this miracle cure is proven safe and ", s, tail=".\n"),
    "run-on-commas": lambda s: repeat("a breakthrough, ", s, tail="\n"),
    # One line of real sentences: many findings on a single line.
    "one-line-findings": lambda s: repeat("x" * 1000 + " A miracle cure. ", s, tail="\n"),
    "front-matter-unclosed": lambda s: repeat(
        "claim: this miracle cure is proven safe\n", s, head="---\n"
    ),
    "footnotes": lambda s: numbered(
        "Turmeric cures arthritis.[^{n}]\n\n[^{n}]: A study {n}, https://example.org/{n}\n\n", s
    ),
    "numbered-markers": lambda s: numbered("[{n}] ", s, head=CLAIM),
    "numbered-list": lambda s: numbered("{n}. A miracle cure.\n", s),
    # One list under one lead-in: every item looks back for the lead-in it completes.
    "lead-in-list": lambda s: repeat("- Headaches\n", s, head="Our CBD oil relieves:\n\n"),
    "deep-blockquote": lambda s: repeat(">", s, tail=" miracle cure\n"),
    "deep-list": lambda s: "".join(
        "  " * i + "- miracle\n" for i in range(max(int((s / 2) ** 0.5), 1))
    ),
    "deep-emphasis": lambda s: repeat("*a ", s, tail="miracle cure\n"),
    "backticks": lambda s: repeat("`", s, tail=" miracle cure\n"),
    "asterisks": lambda s: repeat("*", s, tail=" miracle cure\n"),
    "underscores": lambda s: repeat("_", s, tail=" miracle cure\n"),
    "brackets": lambda s: repeat("[", s, tail=" miracle cure\n"),
    "close-brackets": lambda s: repeat("]", s, tail=" miracle cure\n"),
    "html-open": lambda s: repeat("<div>", s, tail=" miracle cure\n"),
    "fence-unclosed": lambda s: repeat("A miracle cure.\n", s, head="```\n"),
    "comment-unclosed": lambda s: repeat("A miracle cure.\n", s, head="<!--\n"),
    "huge-table": lambda s: repeat(
        "| miracle cure | proven safe | 100% effective |\n",
        s,
        head="| a | b | c |\n|---|---|---|\n",
    ),
    "wide-table": lambda s: repeat("| miracle cure ", s, tail="|\n")
    + repeat("|---", s, tail="|\n"),
    "many-paragraphs": lambda s: repeat(CLAIM + "\n\n", s),
    "lone-cr": lambda s: repeat("Intro.\rA miracle cure.\r", s),
    # A byte-order mark, then CRLF line endings.
    "bom-crlf": lambda s: repeat("Intro.\r\nA miracle cure.\r\n", s, head="\ufeff"),
}


def main():
    if sys.argv[1:] == ["--list"]:
        print("\n".join(INPUTS))
        return 0
    if len(sys.argv) != 4 or sys.argv[1] not in INPUTS:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    name, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write(INPUTS[name](size))
    return 0


if __name__ == "__main__":
    sys.exit(main())
