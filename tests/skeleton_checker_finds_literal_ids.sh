#!/usr/bin/env bash
# skeleton_checker_finds_literal_ids.sh CHECKER EXAMPLE_STUDY_DIR: a copy of the example study whose
# experiment repeats its claim's id as a string literal, passed to should_decide, fails the
# skeleton check (scripts/check_study_skeleton.py), which names both faults; the copy as it is
# passes.
set -u
checker=$1
example=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/papers" "$scratch/tests"
cp -r "$example" "$scratch/tests/example_study"
python3 "$checker" "$scratch" || { echo "FAIL: the unchanged example study fails the check"; exit 1; }
echo 'bool literal_use(repro::StudyContext& c) { return c.should_decide("heads_share_is_half"); }' \
  >> "$scratch/tests/example_study/coin_experiment.cpp"
out=$(python3 "$checker" "$scratch")
rc=$?
echo "$out"
[ $rc -eq 1 ] || { echo "FAIL: exit $rc, expected 1"; exit 1; }
echo "$out" | grep -q 'coin_experiment.cpp repeats the id "heads_share_is_half"' \
  || { echo "FAIL: the repeated id is not named"; exit 1; }
echo "$out" | grep -q 'coin_experiment.cpp passes a string literal to should_decide' \
  || { echo "FAIL: the literal call is not named"; exit 1; }
echo "PASS: the checker names the repeated id and the literal call"
