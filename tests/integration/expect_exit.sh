#!/usr/bin/env bash
# expect_exit.sh <expected exit code> <extended regex the output must match> -- <command...>
# Runs the command and fails unless it exits with the expected code and its combined output
# (stdout and stderr) matches the regex.
set -uo pipefail
expected_code=$1
pattern=$2
shift 2
[[ $1 == "--" ]] && shift
output=$("$@" 2>&1)
code=$?
echo "$output"
if [[ $code -ne $expected_code ]]; then
  echo "expect_exit: '$*' exited $code, expected $expected_code" >&2
  exit 1
fi
if ! grep -Eq -- "$pattern" <<<"$output"; then
  echo "expect_exit: output of '$*' does not match /$pattern/" >&2
  exit 1
fi
echo "expect_exit: exit $code and output matching /$pattern/ as expected"
