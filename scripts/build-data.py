#!/usr/bin/env python3
"""Rebuild the compact reference data in data/ from the source TSV files.

Usage: scripts/build-data.py SOURCE_DIR [OUT_DIR]

SOURCE_DIR holds retractions.tsv, predatory.tsv, doi_prefixes.tsv and journals.tsv (UTF-8 TSV:
`# ` comment lines with source and licence, a header line, then rows; see data/README.md for
where each comes from). OUT_DIR defaults to the repository's data/ folder. The output is
deterministic: running the script twice on the same input gives the same bytes.

Outputs:
  retractions.bin   front-coded sorted DOIs (see src/factcheck/retractions.rs for the format)
  predatory.tsv     listed web addresses (normalised), names, list, and `name` when the name
                    alone identifies the listed journal or publisher
  doi-prefixes.tsv  DOI prefix -> holder
  manifest.toml     what each file holds, where it came from, its licence and its date
"""

import re
import struct
import sys
from pathlib import Path

BLOCK = 16  # entries per restart point of the front coding
CONCERN = 0x80  # flag bit on an entry's shared-length byte: expression of concern


def read_tsv(path):
    """(comment lines, rows as dicts) of one source file."""
    comments, rows, header = [], [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# ") and header is None:
                comments.append(line[2:])
            elif header is None:
                header = line.split("\t")
            elif line:
                rows.append(dict(zip(header, line.split("\t"))))
    return comments, rows


def date_in(comments, pattern):
    for line in comments:
        m = re.search(pattern, line)
        if m:
            return m.group(1)
    raise SystemExit(f"no date matching {pattern!r} in the source's comment lines")


def retractions(src, out):
    comments, rows = read_tsv(src / "retractions.tsv")
    natures = {}
    for row in rows:
        doi = row["doi"].strip().lower()
        if not doi.startswith("10."):
            continue
        concern = row["nature"] == "Expression of concern"
        # A retraction wins over a concern for the same DOI.
        natures[doi] = natures.get(doi, True) and concern
    dois = sorted(natures)
    body, offsets, previous = bytearray(), [], b""
    for i, doi in enumerate(dois):
        raw = doi.encode("utf-8")
        if len(raw) >= 128:
            raise SystemExit(f"DOI too long for the format: {doi}")
        if i % BLOCK == 0:
            offsets.append(len(body))
            previous = b""
        shared = 0
        while shared < min(len(raw), len(previous)) and raw[shared] == previous[shared]:
            shared += 1
        suffix = raw[shared:]
        flag = CONCERN if natures[doi] else 0
        body += bytes([shared | flag, len(suffix)]) + suffix
        previous = raw
    header = b"HLRW" + struct.pack("<BBHII", 1, BLOCK, 0, len(dois), len(offsets))
    index = b"".join(struct.pack("<I", o) for o in offsets)
    (out / "retractions.bin").write_bytes(header + index + bytes(body))
    concerns = sum(natures.values())
    return {
        "file": "retractions.bin",
        "title": "Retraction Watch database",
        "source": "Retraction Watch / The Center for Scientific Integrity, via Crossref "
        "(retraction_watch.csv), as digested by forrtproject/flora-chromium src/retractions.json",
        "licence": "Crossref: metadata free to use and redistribute; credit Retraction Watch",
        "date": date_in(comments, r"refreshed (\d{4}-\d{2}-\d{2})"),
        "rows": len(dois),
        "retractions": len(dois) - concerns,
        "concerns": concerns,
    }


def normalise_url(url):
    """`http://www.X.org/J/index.php` -> `x.org/j`: scheme, `www.`, fragment, index pages and
    trailing slashes dropped, lower-cased. Kept in step with `url_key` in src/factcheck/predatory.rs."""
    url = url.strip()
    url = re.sub(r"^[a-zA-Z]+://", "", url)
    host, _, rest = url.partition("/")
    host = host.lower().split(":")[0]
    if host.startswith("www."):
        host = host[4:]
    if "." not in host:
        return ""  # not a web address (a few source rows hold a bare title)
    rest = rest.lower().split("#")[0].rstrip("/")
    while True:
        shorter = re.sub(r"(^|/)(index|default|home)(\.(php|html?|aspx?))?$", "", rest).rstrip("/")
        if shorter == rest:
            break
        rest = shorter
    return host + ("/" + rest if rest else "")


def normalise_name(name):
    return " ".join(re.sub(r"[^\w&]+", " ", name.lower()).split())


def predatory(src, out):
    comments, rows = read_tsv(src / "predatory.tsv")
    _, journals = read_tsv(src / "journals.tsv")
    indexed = {normalise_name(j["title"]) for j in journals}
    lines, ambiguous = set(), 0
    for row in rows:
        key = normalise_url(row["url"]) if row["url"].strip() else ""
        name = normalise_name(row["name"])
        # A hijacked journal's name is the real journal's; only its fake address identifies it.
        # A name NLM also lists, or a one-word name, would flag legitimate journals.
        by_name = row["list"] != "hijacked" and len(name.split()) >= 3 and name not in indexed
        ambiguous += name in indexed
        if key or by_name:
            lines.add(f"{key}\t{name}\t{row['list']}\t{'name' if by_name else ''}")
    text = "".join(line + "\n" for line in sorted(lines))
    (out / "predatory.tsv").write_text(text, encoding="utf-8")
    return {
        "file": "predatory.tsv",
        "title": "Stop Predatory Journals lists",
        "source": "stop-predatory-journals/stop-predatory-journals.github.io (_data/journals.csv, "
        "publishers.csv, hijacked.csv)",
        "licence": "MIT (Copyright (c) 2017 Stop Predatory Journals)",
        "date": "2017-05-07",
        "rows": len(lines),
        "names_dropped_as_also_nlm_listed": ambiguous,
    }


def prefixes(src, out):
    comments, rows = read_tsv(src / "doi_prefixes.tsv")
    holders = {}
    for row in rows:
        holders.setdefault(row["prefix"], [])
        if row["holder"] not in holders[row["prefix"]]:
            holders[row["prefix"]].append(row["holder"])
    text = "".join(f"{p}\t{' / '.join(h)}\n" for p, h in sorted(holders.items()))
    (out / "doi-prefixes.tsv").write_text(text, encoding="utf-8")
    return {
        "file": "doi-prefixes.tsv",
        "title": "Largest Crossref DOI prefixes and their holders",
        "source": "csisc/DOIPrefixAnalysis Crossref-xlsx.xlsx (Crossref depositor list, holders "
        "matched to Wikidata)",
        "licence": "MIT (Copyright (c) 2022 Houcemeddine Turki); facts from Crossref and Wikidata (CC0)",
        "date": "2022-01-17",
        "rows": len(holders),
    }


def toml_value(v):
    if isinstance(v, int):
        return str(v)
    return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    src = Path(sys.argv[1])
    out = Path(sys.argv[2]) if len(sys.argv) == 3 else Path(__file__).resolve().parent.parent / "data"
    out.mkdir(parents=True, exist_ok=True)
    sets = {
        "retractions": retractions(src, out),
        "predatory": predatory(src, out),
        "doi-prefixes": prefixes(src, out),
    }
    manifest = ["# Generated by scripts/build-data.py; do not edit. See data/README.md.\n"]
    for name, meta in sets.items():
        manifest.append(f"\n[{name}]\n")
        manifest.extend(f"{k} = {toml_value(v)}\n" for k, v in meta.items())
    (out / "manifest.toml").write_text("".join(manifest), encoding="utf-8")
    for name, meta in sets.items():
        size = (out / meta["file"]).stat().st_size
        print(f"{name}: {meta['rows']} rows, {size} bytes, as of {meta['date']}")


if __name__ == "__main__":
    main()
