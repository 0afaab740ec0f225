#!/usr/bin/env python3
"""check_study_skeleton.py ROOT: every study folder has the skeleton papers/README.md describes.

A study folder is each folder of ROOT/papers/ with a CMakeLists.txt, and ROOT/tests/example_study/.
Each must hold published.json (with "study" equal to the folder's name and a "numbers" object whose
every entry has a provenance), study.cpp declaring REPRO_STUDY(<folder name>, ...), claim_ids.h
(its claims' and checks' ids, common/claim_id.h), verdict_rules.h and verdict_rules.cpp,
expectations.json, README.md and CMakeLists.txt. The ids are typed handles declared once: no id of
claim_ids.h stands as a string literal in another source file of the folder, and no ClaimSpec,
CheckSpec or StudyContext call (should_decide, decide, skip, should_check, record_check) is given a
string literal. Exit 1 naming each folder and what it lacks; 0 when every folder has every piece.
"""
import json
import pathlib
import re
import sys

REQUIRED = ["published.json", "study.cpp", "claim_ids.h", "verdict_rules.h", "verdict_rules.cpp",
            "expectations.json", "README.md", "CMakeLists.txt"]
ID_DECLARATION = re.compile(r'(?:ClaimId|CheckId)(?:\s+\w+)?\s*\{\s*"([^"]+)"')
LITERAL_ID_CALL = re.compile(r'\b(ClaimSpec|CheckSpec|should_decide|should_decide_any|decide|skip|should_check|'
                             r'record_check)\s*\(\s*\{?\s*"')


def published_keys(folder):
    try:
        return set(json.loads((folder / "published.json").read_text()).get("numbers", {}))
    except (OSError, json.JSONDecodeError, AttributeError):
        return set()


def id_problems(folder):
    """Ids repeated as string literals outside claim_ids.h, and calls given a literal id."""
    declarations = folder / "claim_ids.h"
    if not declarations.is_file():
        return []
    ids = ID_DECLARATION.findall(declarations.read_text())
    problems = [] if ids else ["claim_ids.h declares no ClaimId or CheckId"]
    # A published.json key may share a claim's name (the statement the claim checks): as a key it
    # is no use of the id.
    keys = published_keys(folder)
    ids = [id for id in ids if id not in keys]
    for source in sorted(folder.rglob("*")):
        if source.suffix not in (".cpp", ".h") or source == declarations:
            continue
        text = source.read_text()
        name = source.relative_to(folder)
        problems += [f"{name} repeats the id \"{id}\" (use its constant from claim_ids.h)"
                     for id in ids if f'"{id}"' in text]
        problems += [f"{name} passes a string literal to {match.group(1)} (use a ClaimId or CheckId constant)"
                     for match in LITERAL_ID_CALL.finditer(text)]
    return problems


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
    return problems + id_problems(folder)


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
