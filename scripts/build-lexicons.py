#!/usr/bin/env python3
"""Rebuilds the compact condition and symptom lexicons in lints/lexicon/ from the Human Disease
Ontology and the Symptom Ontology (both CC0 1.0), as TSV files with the columns
`id, name, synonyms, acronyms` (synonyms separated by `|`).

    python3 scripts/build-lexicons.py DATA_DIR      # DATA_DIR holds diseases.tsv and symptoms.tsv

Each output is one lower-cased term a line, sorted by byte value, so the linter can binary-search
it without building anything at start-up. Acronyms are left out on purpose: "ALL", "MS", "CAD"
would turn ordinary words into diseases. So are terms that are also everyday English words, very
short terms and long ones (writers do not use six-word ontology names in promotional copy).
"""
import os
import re
import sys

if len(sys.argv) != 2:
    sys.exit(__doc__)
data = sys.argv[1]
out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lints", "lexicon")

# Ontology terms that are ordinary words or figures of speech in health writing.
COMMON_WORDS = {
    "aging", "ageing", "death", "stress", "fear", "shock", "collapse", "fall", "falls", "burn",
    "burns", "cold", "lead", "chill", "chills", "hunger", "thirst", "mass", "growth", "sign",
    "attack", "block", "blockage", "discharge", "stone", "stones", "spots", "habit", "crisis",
    "tolerance", "dependence", "exposure", "memory", "mood", "sleep", "appetite", "grief", "anger",
    "disease", "syndrome", "disorder", "condition", "abnormality", "anomaly", "defect", "lesion",
    "symptom", "injury", "trauma", "weakness", "drowning", "overdose", "poisoning",
}


def terms(path, keep_words):
    seen = set()
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or line.startswith("id\t"):
            continue
        cols = line.rstrip("\n").split("\t")
        names = [cols[1]] + [s for s in cols[2].split("|") if s] if len(cols) > 2 else [cols[1]]
        for name in names:
            if name.isupper() or re.search(r"[0-9(),;:/\[\]]", name):
                continue  # acronyms, numbered subtypes, qualified ontology labels
            term = " ".join(name.lower().replace("\u2019", "'").split())
            if len(term) < 4 or len(term.split()) > keep_words or term in COMMON_WORDS:
                continue
            seen.add(term)
    return sorted(seen, key=lambda t: t.encode())


for source, target, keep in (("diseases.tsv", "conditions.txt", 4), ("symptoms.tsv", "symptoms.txt", 4)):
    words = terms(os.path.join(data, source), keep)
    with open(os.path.join(out_dir, target), "w", encoding="utf-8") as f:
        f.write("\n".join(words) + "\n")
    print(f"{target}: {len(words)} terms")
