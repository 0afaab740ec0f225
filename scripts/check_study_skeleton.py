#!/usr/bin/env python3
"""check_study_skeleton.py ROOT: every study folder has the skeleton papers/README.md describes.

A study folder is each folder of ROOT/papers/ with a CMakeLists.txt, and ROOT/tests/example_study/.
Each must hold published.json (with "study" equal to the folder's name and a "numbers" object whose
every entry has a provenance), study.cpp declaring REPRO_STUDY(<folder name>, ...), verdict_rules.h
and verdict_rules.cpp, expectations.json, README.md and CMakeLists.txt. Exit 1 naming each folder
and what it lacks; 0 when every folder has every piece.
"""
import json
import pathlib
import re
import sys

REQUIRED = ["published.json", "study.cpp", "verdict_rules.h", "verdict_rules.cpp", "expectations.json",
            "README.md", "CMakeLists.txt"]


def problems_of(folder):
    problems = [f"no {name}" for name in REQUIRED if not (folder / name).is_file()]
    study = folder / "study.cpp"
    if study.is_file() and not re.search(r"REPRO_STUDY\(\s*" + re.escape(folder.name) + r"\s*,", study.read_text()):
        problems.append(f"study.cpp does not declare REPRO_STUDY({folder.name}, ...)")
    published = folder / "published.json"
    if published.is_file():
        try:
            document = json.loads(published.read_text())
        except json.JSONDecodeError as error:
            return problems + [f"published.json is not JSON: {error}"]
        if document.get("study") != folder.name:
            problems.append(f"published.json names study {document.get('study')!r}, not {folder.name!r}")
        numbers = document.get("numbers")
        if not isinstance(numbers, dict) or not numbers:
            problems.append("published.json has no \"numbers\"")
        else:
            problems += [f"published.json number {key} has no provenance" for key, entry in numbers.items()
                         if not isinstance(entry, dict) or not str(entry.get("provenance", "")).strip()]
    return problems


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    folders = sorted(p for p in (root / "papers").iterdir() if (p / "CMakeLists.txt").is_file())
    folders.append(root / "tests" / "example_study")
    failed = False
    for folder in folders:
        for problem in problems_of(folder):
            print(f"{folder.relative_to(root)}: {problem}")
            failed = True
    print(f"{len(folders)} study folders checked" + (": some lack the skeleton" if failed else ", each has the skeleton"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
