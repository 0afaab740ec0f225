#!/usr/bin/env python3
"""Checks the provenance of every published value in papers/*/published.json.

Every entry of "numbers" must say where its value comes from, in one of four forms:
  - printed:    a place in the source: "Table 2", "Figure 7", "Section 4.1", "§5.3",
                "slide 'Error analysis'" (the slide's title in quotes), "p. 21", "Abstract",
                "Conclusion";
  - repository: released code or logs: "repository owner/name, path/to/file.ext, commit <hex>";
  - derived:    starts with "derived" and gives the formula (contains "=");
  - not published: starts with "not published" and says it is this suite's choice, and why.
No provenance may cite an issue of this project ("issue", "#12"), nor say "in the text" or
"as quoted" (a value the source does not print is derived, with its formula).

An entry whose location could not be checked against the source may carry
"provenance_unverified": "<why>"; it is exempt from the four forms (not from the forbidden
words) and is listed as a warning, so the gap stays visible.

Usage:
  check_provenance.py PAPERS_DIR            exit 0 when every entry passes, 1 otherwise
  check_provenance.py --self-test FIXTURE   FIXTURE's entries named bad_* must each fail and
                                            good_* must each pass; exit 0 when they do
"""

import json
import pathlib
import re
import sys

FORBIDDEN = [
    (re.compile(r"\bissues?\b", re.IGNORECASE), "cites an issue"),
    (re.compile(r"#\s*\d+"), "cites an issue number"),
    (re.compile(r"\bin the text\b", re.IGNORECASE), "says 'in the text' (cite the section, or mark it derived)"),
    (re.compile(r"\bas quoted\b", re.IGNORECASE), "cites a quotation instead of the source"),
]

PRINTED = [
    re.compile(r"\bTables?\s+[A-Z]?\d+"),
    re.compile(r"\bFig(?:ure)?s?\.?\s*\d+"),
    re.compile(r"\bSections?\s+\d+(?:\.\d+)*"),
    re.compile(r"§\s*\d+(?:\.\d+)*"),
    re.compile(r"\bslides?\s+['‘\"“][^'’\"”]{2,}['’\"”]"),
    re.compile(r"(?:\bpages?|\bp\.|\bpp\.)\s*\d+"),
    re.compile(r"\bAbstract\b"),
    re.compile(r"\bConclusions?\b"),
]

REPOSITORY = re.compile(r"\brepository\s+[\w.-]+/[\w.-]+")
COMMIT = re.compile(r"\bcommit\s+[0-9a-f]{7,40}\b")
FILE_PATH = re.compile(r"[\w-]+(?:/[\w.-]+)*\.\w{1,5}\b")
DERIVED = re.compile(r"^derived\b", re.IGNORECASE)
NOT_PUBLISHED = re.compile(r"^not published\b", re.IGNORECASE)


def problems(entry):
    """The reasons an entry's provenance fails, and whether it is marked unverified."""
    found = []
    provenance = entry.get("provenance") if isinstance(entry, dict) else None
    if not isinstance(provenance, str) or not provenance.strip():
        return ["has no provenance"], False
    for pattern, why in FORBIDDEN:
        if pattern.search(provenance):
            found.append(why)
    unverified = entry.get("provenance_unverified")
    if unverified is not None:
        if not isinstance(unverified, str) or len(unverified.strip()) < 10:
            found.append("'provenance_unverified' must say why (a sentence)")
        return found, True
    if DERIVED.search(provenance):
        if "=" not in provenance:
            found.append("is marked derived but gives no formula ('=')")
        return found, False
    if NOT_PUBLISHED.search(provenance):
        if "this suite" not in provenance or len(provenance) < 40:
            found.append("is 'not published' but does not say it is this suite's choice and why")
        return found, False
    if any(pattern.search(provenance) for pattern in PRINTED):
        return found, False
    if REPOSITORY.search(provenance):
        if not COMMIT.search(provenance):
            found.append("cites a repository without a commit")
        if not FILE_PATH.search(REPOSITORY.sub("", provenance)):
            found.append("cites a repository without a file path")
        return found, False
    found.append("names no table, figure, section, slide, page, repository path or formula")
    return found, False


def check_file(path):
    """(failures, warnings): lists of 'file: numbers.key: reason'."""
    failures, warnings = [], []
    try:
        document = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return [f"{path}: cannot be read as JSON: {error}"], []
    numbers = document.get("numbers") if isinstance(document, dict) else None
    if not isinstance(numbers, dict) or not numbers:
        return [f"{path}: has no 'numbers' object"], []
    for key, entry in numbers.items():
        reasons, unverified = problems(entry)
        failures += [f"{path}: numbers.{key}: {reason}" for reason in reasons]
        if unverified and not reasons:
            warnings.append(f"{path}: numbers.{key}: location not verified: {entry['provenance_unverified']}")
    return failures, warnings


def check_papers(papers_dir):
    files = sorted(pathlib.Path(papers_dir).glob("*/published.json"))
    if not files:
        print(f"no */published.json under {papers_dir}", file=sys.stderr)
        return 1
    failures, warnings, entries = [], [], 0
    for path in files:
        file_failures, file_warnings = check_file(path)
        failures += file_failures
        warnings += file_warnings
        entries += len(json.loads(path.read_text(encoding="utf-8")).get("numbers", {}))
    for line in warnings:
        print("warning: " + line)
    for line in failures:
        print("FAIL: " + line)
    print(f"{len(files)} files, {entries} published values, {len(failures)} failures, "
          f"{len(warnings)} marked unverified")
    return 1 if failures else 0


def self_test(fixture):
    """Every bad_* entry of the fixture must fail the check; every good_* entry must pass."""
    document = json.loads(pathlib.Path(fixture).read_text(encoding="utf-8"))
    wrong = []
    for key, entry in document["numbers"].items():
        reasons, _ = problems(entry)
        if key.startswith("bad_") and not reasons:
            wrong.append(f"{key}: passed, but must fail")
        elif key.startswith("good_") and reasons:
            wrong.append(f"{key}: failed ({'; '.join(reasons)}), but must pass")
    failures, _ = check_file(fixture)
    if not failures:
        wrong.append("the whole fixture passed check_file, but must fail")
    for line in wrong:
        print("FAIL: " + line)
    print(f"self-test: {len(document['numbers'])} fixture entries, {len(wrong)} wrong")
    return 1 if wrong else 0


def main(argv):
    if len(argv) == 3 and argv[1] == "--self-test":
        return self_test(argv[2])
    if len(argv) == 2:
        return check_papers(argv[1])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
