# Shared by the e2e scripts of headless commands (sourced, not run; CI runs Tests/e2e/*.sh only).
# Sets $bin to the binary under test (first argument, default the release build) and gives
# check "label" 'shell test', which counts and prints each result, and finish, which prints the
# counts and fails the script if any check failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
bin=$(realpath "${1:-.build/release/neurotop}")
[ -x "$bin" ] || { echo "no binary at $bin"; exit 1; }

# Runs are recorded into a throwaway directory, never into the checkout.
NEUROTOP_RUNS=$(mktemp -d "${TMPDIR:-/tmp}/neurotop-e2e-runs.XXXXXX")
export NEUROTOP_RUNS
trap 'rm -rf "$NEUROTOP_RUNS"' EXIT

passed=0
failed=0
# check's status is the test's, so `check ... || show-what-went-wrong` shows it on a failure.
check() {
  if eval "$2"; then passed=$((passed + 1)); echo "  ok: $1"; else failed=$((failed + 1)); echo "  FAILED: $1"; return 1; fi
}
finish() {
  echo "$1: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
