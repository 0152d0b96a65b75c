#!/usr/bin/env bash
# Builds everything and runs every test. Works from a fresh clone: installs what it needs first.
# Exits non-zero on any build warning (warnings are errors) or failed test.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
configuration=${CONFIGURATION:-Release}

source scripts/lib/prereqs.sh
ensure_node_modules
ensure_chromium

dotnet restore ServerlessSupport.sln
dotnet build ServerlessSupport.sln -c "$configuration" --no-restore

results="$root/TestResults"
rm -rf "$results"
status=0
dotnet test ServerlessSupport.sln -c "$configuration" --no-build \
  --results-directory "$results" --logger "trx" --logger "console;verbosity=minimal" || status=$?

# One closing line over every test project, so CI can tell that tests ran.
passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); passed=$((passed + ${p:-0}))
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters"); failed=$((failed + ${f:-0}))
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo "tests: $passed passed, $failed failed, $skipped skipped"

# The conformance suite runs the same cases on both hosts; where the real Functions host is at hand (the functions-host
# folder beside the checkout, or FUNCTIONS_HOST), its cases must have run, not been skipped.
count() { cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*>' | grep "testName=\"[^\"]*\.$1\." | grep -c "outcome=\"$2\"" || true; }
real_passed=$(count RealHostConformanceTests Passed); real_skipped=$(count RealHostConformanceTests NotExecuted)
echo "conformance: real host $real_passed passed, $(count RealHostConformanceTests Failed) failed, $real_skipped skipped;" \
  "standalone host $(count StandaloneConformanceTests Passed) passed, $(count StandaloneConformanceTests Failed) failed"
if { [ -f ../shared/functions-host/start.sh ] || [ -n "${FUNCTIONS_HOST:-}" ]; } && { [ "$real_passed" -eq 0 ] || [ "$real_skipped" -ne 0 ]; }; then
  echo "the real Functions host is available here, but its conformance cases did not all run" >&2
  status=1
fi
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
