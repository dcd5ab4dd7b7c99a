#!/usr/bin/env bash
# Soak test of the dashboard (not run by CI): the release build in a 120x40 tmux session on
# cnn-mp-conv with a long epoch count, every config shown once (so each has its trainer), then a
# random hotkey pressed every second (layer selection,
# freeze, pause/resume, step, +/-, smoothing, restart, help, config switches through the picker),
# and once a minute the process's resident memory (VmRSS) and the samples/s shown in the header
# written to a CSV: minute,rss_kib,samples_per_s. Throughput is always read on cnn-mp-conv,
# running: the sampler brings it back on screen first.
#
# At the end the process must still be alive and every RSS sample after minute 1 within 10% of
# the minute-1 sample; then it is quit with q and must end (status 0, or 1 when a run that the
# random +/- drove to divergence is still marked failed).
#
# Usage: scripts/soak.sh [MINUTES] [CSV]        (default: 30 minutes, bench/soak-cnn-mp-conv.csv)
# Environment: NEUROTOP=path/to/binary (default .build/release/neurotop), SOAK_SEED=N (key sequence),
# SOAK_KEYS="r Tab" (only these actions, to find which one a growth comes from).
set -uo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-30}
csv=${2:-bench/soak-cnn-mp-conv.csv}
bin=$(realpath "${NEUROTOP:-.build/release/neurotop}")
[ -x "$bin" ] || { echo "no binary at $bin (swift build -c release)"; exit 1; }
command -v tmux >/dev/null || { echo "tmux is not installed (scripts/install-deps.sh installs it)"; exit 1; }
[[ "$minutes" =~ ^[1-9][0-9]*$ ]] || { echo "MINUTES must be a whole number of minutes >= 1, not '$minutes'"; exit 1; }
RANDOM=${SOAK_SEED:-1}

session="neurotop-soak-$$"
work=$(mktemp -d)
tmux_() { tmux -L "$session" -f /dev/null "$@"; }
cleanup() { tmux_ kill-server 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
screen() { tmux_ capture-pane -p -t "$session"; }
key() { tmux_ send-keys -t "$session" -- "$@"; echo "$(date +%T) $*" >> "$work/keys"; }
now() { date +%s; }

# Polls the screen until the shell test "$1" (on $s) holds, for at most $2 seconds.
wait_for() {
  local deadline=$(( $(now) + $2 ))
  while :; do
    s=$(screen)
    if eval "$1"; then return 0; fi
    [ "$(now)" -ge "$deadline" ] && return 1
    sleep 0.2
  done
}

# The header's samples/s ("41.3k samples/s", "1.2M", "980") as a number.
samples_per_second() {
  screen | sed -n 2p | grep -oE '[0-9.]+[kM]? samples/s' | awk '{
    v = $1; m = 1
    if (v ~ /k$/) { m = 1e3; sub(/k$/, "", v) } else if (v ~ /M$/) { m = 1e6; sub(/M$/, "", v) }
    printf "%.0f\n", v * m }'
}
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null; }
alive() { kill -0 "$pid" 2>/dev/null; }

# Closes the help or the picker if open.
close_overlays() {
  s=$(screen)
  if echo "$s" | grep -q "configs (enter"; then key Escape; sleep 0.3; fi
  if echo "$s" | grep -q "freeze / unfreeze"; then key '?'; sleep 0.3; fi
}

# Opens the picker and moves to config $1 (the picker lists configs with the one on screen
# marked ▶ and highlighted), then shows it.
show_config() {
  key Tab
  wait_for 'echo "$s" | grep -q "configs (enter"' 3 || return 1
  local list here there
  list=$(screen | grep -oE "│ [ ▶] [a-z0-9][a-z0-9-]*" | sed 's/^│ //')
  here=$(echo "$list" | grep -n '^▶' | cut -d: -f1)
  there=$(echo "$list" | sed 's/^. //' | grep -nx "$1" | cut -d: -f1)
  [ -n "$here" ] && [ -n "$there" ] || { key Escape; return 1; }
  local steps=$(( there - here )) direction=Down
  [ "$steps" -lt 0 ] && { steps=$(( -steps )); direction=Up; }
  for _ in $(seq "$steps"); do key "$direction"; done
  key Enter
}

# One random action: mostly single hotkeys, now and then a config switch through the picker.
random_action() {
  local keys
  read -r -a keys <<< "${SOAK_KEYS:-Up Down j k Space p n + - s r ? Tab c}"
  local choice=${keys[RANDOM % ${#keys[@]}]}
  case "$choice" in
    Tab)  # switch to a random config: down a few entries, enter
      key Tab
      for _ in $(seq $(( RANDOM % 8 ))); do key Down; done
      key Enter ;;
    c) key c; key Escape ;;  # open and close the picker
    *) key "$choice" ;;
  esac
}

# Shows every config once, down the picker, so that each has its trainer (and its data) before
# the first sample: memory that grows after that is not a config started for the first time.
warm_up() {
  key Tab
  wait_for 'echo "$s" | grep -q "configs (enter"' 3 || return 1
  local count
  count=$(screen | grep -cE "│ [ ▶] [a-z0-9][a-z0-9-]*  ")
  key Escape
  for _ in $(seq "$count"); do
    key Tab; key Down; key Enter
    sleep 1.5
  done
  echo "  warm-up: $count configs shown once"
  close_overlays
  show_config cnn-mp-conv
}

# Brings cnn-mp-conv on screen, running, and reads its samples/s after a few seconds.
sample_throughput() {
  close_overlays
  if ! screen | head -1 | grep -qF "(cnn-mp-conv)"; then
    show_config cnn-mp-conv
    wait_for 'echo "$s" | head -1 | grep -qF "(cnn-mp-conv)"' 10 || return 0
  fi
  s=$(screen)
  if echo "$s" | head -1 | grep -q "failed"; then key r; fi
  if echo "$s" | head -1 | grep -q "paused"; then key p; fi
  wait_for 'echo "$s" | head -1 | grep -q running' 10 || return 0
  sleep 10
  samples_per_second
}

tmux_ new-session -d -s "$session" -x 120 -y 40 -e LANG=C.UTF-8 -e TERM=tmux-256color \
  "exec '$bin' cnn-mp-conv --epochs 1000"
tmux_ set-option -t "$session" remain-on-exit on >/dev/null  # to read the exit status after q
pid=$(tmux_ list-panes -t "$session" -F '#{pane_pid}')
wait_for 'echo "$s" | sed -n 2p | grep -q "step [1-9]"' 30 || { echo "the dashboard never started training"; screen; exit 1; }
echo "soak: neurotop (pid $pid) on cnn-mp-conv for $minutes min, a key a second; CSV in $csv"
mkdir -p "$(dirname "$csv")"
echo "minute,rss_kib,samples_per_s" > "$csv"
warm_up

for minute in $(seq "$minutes"); do
  deadline=$(( $(now) + 60 ))
  while [ "$(now)" -lt "$deadline" ]; do
    alive || break 2
    random_action
    sleep 1
  done
  alive || break
  rate=$(sample_throughput)
  rss=$(rss_kib)
  echo "$minute,$rss,${rate:-}" >> "$csv"
  echo "  minute $minute: RSS ${rss} KiB, ${rate:-?} samples/s"
done

status=0
if alive; then
  echo "ok: neurotop is alive after $minutes min ($(wc -l < "$work/keys") keys pressed)"
else
  echo "FAILED: neurotop died; last keys:"; tail -5 "$work/keys"; screen; status=1
fi
# Every sample after minute 1 within 10% of minute 1's (after the warm-up, every config runs).
if ! awk -F, 'NR == 2 { base = $2 } NR > 2 { if ($2 > base * 1.1 || $2 < base * 0.9) bad = 1
  if ($2 > high) high = $2 } END { printf "  RSS minute 1: %d KiB, highest after: %d KiB\n", base, high; exit bad }' "$csv"
then
  echo "FAILED: RSS left the 10% band around minute 1's"; status=1
else
  echo "ok: RSS within 10% of minute 1's"
fi
awk -F, 'NR > 1 && $3 != "" { if (!first) first = $3; last = $3 }
  END { if (first) printf "  throughput on cnn-mp-conv: %d samples/s at first, %d at the end (%.1f%%)\n", first, last, (last / first - 1) * 100 }' "$csv"
if alive; then
  close_overlays
  key q
  # Every trainer stops between two batches, so quitting can take a moment with many of them.
  quit_at=$(now)
  for _ in $(seq 300); do alive || break; sleep 0.1; done
  if alive; then
    echo "FAILED: q did not end neurotop in 30 s"; screen; status=1
  else
    # 1 when a run the keys drove to divergence (+ pressed often) is still marked failed.
    echo "ok: q ended it in $(( $(now) - quit_at )) s, exit status $(tmux_ display-message -p -t "$session" '#{pane_dead_status}')"
  fi
fi
exit "$status"
