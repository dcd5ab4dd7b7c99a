# Shared by the e2e scripts that drive the dashboard in tmux (sourced, not run; CI runs
# Tests/e2e/*.sh only). Set $stem (the session's name) before sourcing; $screen_flags may add
# capture-pane options (-N keeps trailing blanks). Sets $repo, $bin (the binary under test: first
# argument, default the release build) and $work (a throwaway directory), and gives:
#   new_session W H COMMAND   a fresh W x H session running COMMAND (LANG=C.UTF-8, tmux-256color)
#   screen                    the screen as tmux holds it
#   wait_for 'TEST' SECONDS   polls the screen (into $s) until the shell test holds
#   key KEYS...               tmux send-keys to the session
#   check "label" 'TEST'      counts and prints each result; a failure prints the screen
#   finish NAME               prints the counts; its status fails the script if any check failed
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
repo=$(pwd)
bin=$(realpath "${1:-.build/release/neurotop}")
[ -x "$bin" ] || { echo "no binary at $bin"; exit 1; }
command -v tmux >/dev/null || { echo "tmux is not installed (scripts/install-deps.sh installs it)"; exit 1; }

work=$(mktemp -d)
session="neurotop-$stem-$$"
# A server of its own (-L) with no user configuration (-f /dev/null).
tmux_() { tmux -L "$session" -f /dev/null "$@"; }
cleanup() { tmux_ kill-server 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

passed=0
failed=0
screen() { tmux_ capture-pane -p ${screen_flags:-} -t "$session"; }
ok() { passed=$((passed + 1)); echo "  ok: $1"; }
bad() {
  failed=$((failed + 1))
  echo "  FAILED: $1"
  echo "  --- screen ---"
  screen | sed 's/^/  | /'
}
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi }
finish() {
  echo "$1: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
now() { date +%s%3N; }  # milliseconds

# Polls the screen until the shell test "$1" (on $s) holds, for at most $2 seconds.
wait_for() {
  local deadline=$(( $(now) + $2 * 1000 ))
  while :; do
    s=$(screen)
    if eval "$1"; then return 0; fi
    [ "$(now)" -gt "$deadline" ] && return 1
    sleep 0.1
  done
}
key() { tmux_ send-keys -t "$session" "$@"; }

# A fresh $1 x $2 session running "$3". Closing the last session ends the server, and a server
# still shutting down refuses a new session ("server exited unexpectedly"): end it, and retry.
new_session() {
  tmux_ kill-server 2>/dev/null
  for _ in 1 2 3 4 5; do
    tmux_ new-session -d -s "$session" -x "$1" -y "$2" -e LANG=C.UTF-8 -e TERM=tmux-256color "$3" 2>/dev/null &&
      return 0
    sleep 0.3
  done
  echo "  tmux would not start a session"
  return 1
}
