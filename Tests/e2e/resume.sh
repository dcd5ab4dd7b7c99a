#!/usr/bin/env bash
# End-to-end test of recording and `neurotop resume` against a built binary: a run killed with
# SIGKILL at pseudo-random instants (some while a checkpoint is being written) and resumed ends
# with exactly the uninterrupted run's test loss; a damaged checkpoint (truncated, a flipped
# byte, a header that lies) is refused in one line with a non-zero exit, and nothing is loaded.
#
# Usage: Tests/e2e/resume.sh [path/to/neurotop]   (default: the release build)
# Environment: KILLS (default 10) instants; RESUME_SEED (default 12) picks them.
source "$(dirname "$0")/lib/checks.bash" "$@"
runs="$NEUROTOP_RUNS"
recipe=(mlp-tanh-1 --epochs 3 --steps-per-epoch 50)
kills="${KILLS:-10}"
RANDOM="${RESUME_SEED:-12}"

result_field() { sed -n '$p' | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

echo "== uninterrupted run"
start=$(date +%s%N)
out=$("$bin" train "${recipe[@]}" --json --runs "$runs/full")
duration_ms=$((($(date +%s%N) - start) / 1000000))
expected=$(result_field test_loss <<<"$out")
full_dir=$(result_field run_dir <<<"$out")
echo "  test loss $expected in ${duration_ms} ms"
check "the result line names the run directory" '[ -f "$full_dir/run.json" ]'
check "run.json says finished after 3 epochs" \
  'python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(not (r[\"status\"]==\"finished\" and r[\"epochs_done\"]==3))" "$full_dir/run.json"'
check "every event line carries v 1" \
  'python3 -c "import json,sys; sys.exit(not all(json.loads(l)[\"v\"]==1 for l in open(sys.argv[1])))" "$full_dir/events.jsonl"'

# Waits (up to 60 s) for a file to exist.
wait_for_file() { for _ in $(seq 600); do [ -e "$1" ] && return 0; sleep 0.1; done; return 1; }

echo "== killed and resumed"
for i in $(seq "$kills"); do
  root="$runs/kill-$i"
  "$bin" train "${recipe[@]}" --json --runs "$root" >/dev/null 2>&1 &
  pid=$!
  dir=""
  for _ in $(seq 600); do dir=$(ls -d "$root"/*/ 2>/dev/null | head -1); [ -n "$dir" ] && break; sleep 0.1; done
  wait_for_file "$dir/checkpoint.safetensors"
  if [ $((i % 3)) -eq 0 ]; then
    # During a checkpoint write: as soon as the temporary file shows up (an epoch end).
    how="during a checkpoint write"
    for _ in $(seq 200000); do
      if compgen -G "$dir/.checkpoint.safetensors.*.tmp" >/dev/null; then
        how="during a checkpoint write, its temporary file seen"
        break
      fi
      kill -0 "$pid" 2>/dev/null || break
    done
  elif [ $((i % 3)) -eq 1 ]; then
    # Right after a checkpoint was replaced (its mtime changed).
    how="right after a checkpoint was replaced"
    before=$(stat -c %Y.%y "$dir/checkpoint.safetensors")
    for _ in $(seq 200000); do
      [ "$(stat -c %Y.%y "$dir/checkpoint.safetensors" 2>/dev/null)" != "$before" ] && break
      kill -0 "$pid" 2>/dev/null || break
    done
  else
    delay_ms=$((RANDOM % duration_ms))
    how="after $delay_ms ms"
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  fi
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  resumed=$("$bin" resume "$dir" --json 2>&1)
  status=$?
  got=$(result_field test_loss <<<"$resumed" 2>/dev/null)
  check "kill $i ($how): resumed to test loss $got" '[ $status -eq 0 ] && [ "$got" = "$expected" ]'
done
check "no temporary checkpoint files are left behind by finished runs" \
  '[ -z "$(find "$runs/full" -name ".*.tmp")" ]'

echo "== Ctrl-C and SIGTERM: a last checkpoint, marked interrupted, resumed to the same loss"
# A longer run than the recipe above (which ends within a second), so the signal lands mid-run
# (12 epochs of 50 steps ended before the signal once validation used both cores).
long=(mlp-tanh-1 --epochs 60 --steps-per-epoch 50)
long_expected=$(result_field test_loss <<<"$("$bin" train "${long[@]}" --json --runs "$runs/long")")
for sig in INT TERM; do
  root="$runs/signal-$sig"
  "$bin" train "${long[@]}" --runs "$root" >"$root.out" 2>"$root.err" &
  pid=$!
  dir=""
  for _ in $(seq 600); do dir=$(ls -d "$root"/*/ 2>/dev/null | head -1); [ -n "$dir" ] && break; sleep 0.1; done
  wait_for_file "$dir/checkpoint.safetensors"
  sleep "0.$((RANDOM % 5 + 1))"
  kill -s "$sig" "$pid"
  wait "$pid"
  status=$?
  check "SIG$sig reached the run before it finished" '[ $status -ne 0 ]'
  [ "$status" -ne 0 ] || continue
  check "SIG$sig: exit status 128+signal ($status), one line naming the run to resume" \
    '[ $status -eq $((128 + $(kill -l $sig))) ] && grep -q "interrupted by SIG$sig; the run is saved in" "$root.err" && [ "$(wc -l < "$root.err")" = 1 ]'
  check "SIG$sig: run.json says interrupted" \
    'python3 -c "import json,sys; sys.exit(json.load(open(sys.argv[1]))[\"status\"]!=\"interrupted\")" "$dir/run.json"'
  resumed=$("$bin" resume "$dir" --json 2>&1)
  status=$?
  got=$(result_field test_loss <<<"$resumed" 2>/dev/null)
  check "SIG$sig: resumed to test loss $got, as the uninterrupted $long_expected" \
    '[ $status -eq 0 ] && [ "$got" = "$long_expected" ]'
done

# A second Ctrl-C does not wait for the stop between two batches: the process ends at once with
# 130, and the run resumes from its last checkpoint as after a kill.
root="$runs/signal-twice"
"$bin" train "${long[@]}" --runs "$root" >"$root.out" 2>"$root.err" &
pid=$!
dir=""
for _ in $(seq 600); do dir=$(ls -d "$root"/*/ 2>/dev/null | head -1); [ -n "$dir" ] && break; sleep 0.1; done
wait_for_file "$dir/checkpoint.safetensors"
sleep "0.$((RANDOM % 5 + 1))"
kill -s INT "$pid"
kill -s INT "$pid"
started=$(date +%s%3N)
wait "$pid"
status=$?
took=$(($(date +%s%3N) - started))
check "two SIGINTs: the process ends at once ($took ms) with 130 ($status)" '[ $status -eq 130 ] && [ $took -lt 2000 ]'
resumed=$("$bin" resume "$dir" --json 2>&1)
status=$?
got=$(result_field test_loss <<<"$resumed" 2>/dev/null)
check "two SIGINTs: resumed to test loss $got, as the uninterrupted $long_expected" \
  '[ $status -eq 0 ] && [ "$got" = "$long_expected" ]'

echo "== --epochs extends a finished run"
out=$("$bin" resume "$full_dir" --epochs 4 --json 2>&1); status=$?
check "a fourth epoch is trained" '[ $status -eq 0 ] && grep -q "\"epoch\":3,\"epochs\":4" <<<"$out"'
check "run.json counts 4 epochs" \
  'python3 -c "import json,sys; sys.exit(json.load(open(sys.argv[1]))[\"epochs_done\"]!=4)" "$full_dir/run.json"'
check "the events file holds one resume_run intervention" '[ "$(grep -c "\"resume_run\"" "$full_dir/events.jsonl")" = 1 ]'

echo "== a half-written last line (a crash mid-write) is cut, not glued to"
truncate -s -10 "$full_dir/events.jsonl"
out=$("$bin" resume "$full_dir" --epochs 5 --json 2>&1); status=$?
check "the resume runs and every event line reads back as JSON" \
  '[ $status -eq 0 ] && python3 -c "import json,sys; [json.loads(l) for l in open(sys.argv[1])]" "$full_dir/events.jsonl"'
check "export reads the resumed run" '"$bin" export "$full_dir" --csv >/dev/null'

echo "== damaged checkpoints"
good="$runs/good.safetensors"
cp "$full_dir/checkpoint.safetensors" "$good"
size=$(stat -c %s "$good")
header=$(python3 -c "import struct,sys; print(struct.unpack('<Q', open(sys.argv[1],'rb').read(8))[0])" "$good")
refused() {  # label, then the checkpoint is already in place
  local err status
  err=$("$bin" resume "$full_dir" --json 2>&1 >/dev/null); status=$?
  check "$1: refused in one line" \
    '[ $status -ne 0 ] && [ "$(wc -l <<<"$err")" = 1 ] && grep -q "checkpoint.safetensors is damaged (.*); it was not loaded" <<<"$err"'
}
for cut in 0 5 8 $((header / 2)) $((8 + header - 1)) $((8 + header)) $((8 + header + 1000)) $((size - 1)) \
  $((RANDOM * 32 % size)) $((RANDOM * 32 % size)); do
  head -c "$cut" "$good" >"$full_dir/checkpoint.safetensors"
  refused "truncated at byte $cut of $size"
done
python3 - "$good" "$full_dir/checkpoint.safetensors" "$header" <<'PY'
import sys
data = bytearray(open(sys.argv[1], 'rb').read())
data[8 + int(sys.argv[3]) + 1234] ^= 0x10
open(sys.argv[2], 'wb').write(data)
PY
refused "a flipped byte in a tensor"
for lie in size offset; do
  python3 - "$good" "$full_dir/checkpoint.safetensors" "$lie" <<'PY'
import json, struct, sys
data = open(sys.argv[1], 'rb').read()
n = struct.unpack('<Q', data[:8])[0]
header = json.loads(data[8:8 + n])
entry = header['dense_1/bias']
if sys.argv[3] == 'size':
    entry['shape'] = [11]   # 44 bytes claimed over a 40-byte range
else:
    entry['data_offsets'] = [entry['data_offsets'][0] + 4, entry['data_offsets'][1] + 4]
text = json.dumps(header).encode()
text += b' ' * (n - len(text)) if len(text) <= n else b''
open(sys.argv[2], 'wb').write(struct.pack('<Q', len(text)) + text + data[8 + n:])
PY
  refused "a header that lies about a tensor's $lie"
done
rm -f "$full_dir/checkpoint.safetensors"
err=$("$bin" resume "$full_dir" 2>&1 >/dev/null); status=$?
check "a missing checkpoint: refused in one line" \
  '[ $status -ne 0 ] && [ "$(wc -l <<<"$err")" = 1 ] && grep -q "checkpoint.safetensors is missing" <<<"$err"'
err=$("$bin" resume no-such-run 2>&1 >/dev/null); status=$?
check "an unknown run: refused in one line" '[ $status -ne 0 ] && grep -q "no run .no-such-run." <<<"$err"'

echo "== recording that cannot write: training goes on"
out=$("$bin" train mlp-tanh-1 --epochs 1 --steps-per-epoch 30 --json --runs /dev/null/runs 2>"$runs/err"); status=$?
check "a runs directory that cannot be made: one notice, the run finishes" \
  '[ $status -eq 0 ] && grep -q "\"test_accuracy\"" <<<"$out" && [ "$(grep -c "recording stopped" "$runs/err")" = 1 ]'
small="$runs/small-disk"
mkdir -p "$small"
if mount -t tmpfs -o size=1m tmpfs "$small" 2>/dev/null; then
  out=$("$bin" train mlp-tanh-1 --epochs 1 --steps-per-epoch 30 --json --runs "$small/runs" 2>"$runs/err"); status=$?
  check "a full disk (1 MiB tmpfs): one notice naming it, the run finishes" \
    '[ $status -eq 0 ] && grep -q "\"test_accuracy\"" <<<"$out" && grep -q "recording stopped: .*No space left on device" "$runs/err"'
  check "the full disk leaves the earlier checkpoint readable" \
    '"$bin" resume "$(ls -d "$small"/runs/*/)" --json >/dev/null 2>&1'
  umount "$small"
else
  echo "  skip: a full disk needs a tmpfs mount (root); not checked here"
fi

finish "resume e2e"
