#!/usr/bin/env python3
"""Checks that every include and every link points down the layers (README.md "Layout").

Layers, lowest first (a folder may use its own files and those of lower layers only; folders
of one layer do not use each other):
  0 base      errors, atomic files, time stamps: what everything may use
  1 kernels   number formats and quantization kernels      1 stats  tests, intervals, power
  2 data      readers, checksums, fetching, loaders
  3 common    the vocabulary: claims, verdicts, tiers, registry; precision, layers, models,
              the training harness, timing
  4 reports   Markdown/HTML/CSV, plots, run comparison
  5 papers    the five studies
  6 app       the runner, the run manifest and the `repro` command
tests/ may use everything and is not checked.

Includes: every `#include "<folder>/..."` in a .h/.cpp/.cu/.cuh file under a layer folder.
Links: every `repro::<target>` or `repro_<target>` named in a CMakeLists.txt under a layer
folder, where <target> is a library some layer folder defines (repro_library(NAME ...)).

Usage: check_layers.py [SOURCE_DIR]   exit 0 when clean, 1 with one line per violation.
       check_layers.py --self-test    checks the checker on a small tree with known violations.
"""
import os
import re
import sys
import tempfile

LAYERS = {"base": 0, "kernels": 1, "stats": 1, "data": 2, "common": 3, "reports": 4, "papers": 5, "app": 6}
SOURCE_SUFFIXES = (".h", ".cpp", ".cu", ".cuh")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([A-Za-z0-9_]+)/')
LIBRARY = re.compile(r"repro_library\(\s*NAME\s+([A-Za-z0-9_]+)")
TARGET_USE = re.compile(r"\brepro(?:::|_)([A-Za-z0-9_]+)")


def allowed(user, used):
    return user == used or LAYERS[used] < LAYERS[user]


def walk(root, folder):
    for directory, _, files in os.walk(os.path.join(root, folder)):
        for name in sorted(files):
            yield os.path.join(directory, name)


def library_folders(root):
    """target name -> the layer folder whose CMakeLists defines it."""
    owners = {}
    for folder in LAYERS:
        for path in walk(root, folder):
            if os.path.basename(path) != "CMakeLists.txt":
                continue
            with open(path, encoding="utf-8") as f:
                for name in LIBRARY.findall(f.read()):
                    owners[name] = folder
    return owners


def violations(root):
    found = []
    owners = library_folders(root)
    for folder in LAYERS:
        for path in walk(root, folder):
            relative = os.path.relpath(path, root)
            if path.endswith(SOURCE_SUFFIXES):
                with open(path, encoding="utf-8", errors="replace") as f:
                    for number, line in enumerate(f, 1):
                        match = INCLUDE.match(line)
                        if match and match.group(1) in LAYERS and not allowed(folder, match.group(1)):
                            found.append(f"{relative}:{number}: {folder} (layer {LAYERS[folder]}) includes "
                                         f"{match.group(1)} (layer {LAYERS[match.group(1)]}): {line.strip()}")
            elif os.path.basename(path) == "CMakeLists.txt":
                with open(path, encoding="utf-8") as f:
                    for number, line in enumerate(f, 1):
                        code = line.split("#", 1)[0]
                        for target in TARGET_USE.findall(code):
                            owner = owners.get(target)
                            if owner is not None and not allowed(folder, owner):
                                found.append(f"{relative}:{number}: {folder} (layer {LAYERS[folder]}) links "
                                             f"repro::{target} of {owner} (layer {LAYERS[owner]})")
    return found


def self_test():
    with tempfile.TemporaryDirectory() as root:
        def write(relative, text):
            path = os.path.join(root, relative)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        write("base/errors.h", "#pragma once\n")
        write("base/CMakeLists.txt", "repro_library(NAME base SOURCES errors.cpp)\n")
        write("kernels/a.cpp", '#include "base/errors.h"\n#include "kernels/a.h"\n')
        write("stats/b.cpp", '#include "kernels/a.h"\n')             # same layer: a violation
        write("common/c.cpp", '#include "app/runner.h"\n')            # upward: a violation
        write("app/CMakeLists.txt", "repro_library(NAME harness SOURCES runner.cpp)\n")
        write("common/CMakeLists.txt", "repro_library(NAME core DEPENDS repro::base)  # repro::harness\n"
                                       "target_link_libraries(repro_core PUBLIC repro::harness)\n")
        write("papers/d.cpp", '#include "common/c.h"\n#include "data/e.h"\n')
        found = violations(root)
        expected = ["stats/b.cpp:1", "common/c.cpp:1", "common/CMakeLists.txt:2"]
        for prefix in expected:
            if not any(line.startswith(prefix) for line in found):
                print(f"self-test: expected a violation at {prefix}; found: {found}")
                return 1
        if len(found) != len(expected):
            print(f"self-test: expected {len(expected)} violations, found {len(found)}: {found}")
            return 1
    print("self-test: the checker finds same-layer and upward includes and upward links, and nothing else")
    return 0


def main(argv):
    if len(argv) > 1 and argv[1] == "--self-test":
        return self_test()
    root = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    missing = [folder for folder in LAYERS if not os.path.isdir(os.path.join(root, folder))]
    if missing:
        print(f"check_layers: {root} has no folder {', '.join(missing)}")
        return 1
    found = violations(root)
    for line in found:
        print(line)
    if found:
        print(f"check_layers: {len(found)} include(s) or link(s) point up or sideways (README.md 'Layout')")
        return 1
    print(f"check_layers: every include and link in {', '.join(LAYERS)} points down")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
