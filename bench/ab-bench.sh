#!/usr/bin/env bash
# A/B of `neurotop bench` between two binaries on a shared machine: runs them alternately, ROUNDS
# times each (one repeat per run, the one that goes first alternating too), and prints every run,
# the medians and the best runs of training and inference samples/s and of the process's CPU
# seconds (user + system), which load from other processes disturbs less than wall time.
# Usage: bench/ab-bench.sh OLD_BINARY NEW_BINARY CONFIG [ROUNDS] [STEPS]
set -euo pipefail
old=$1 new=$2 config=$3 rounds=${4:-7} steps=${5:-300}
declare -A train infer cpu
for round in $(seq "$rounds"); do
    # Odd rounds run the old binary first, even rounds the new one, so neither always follows the other.
    order="old new"
    if ((round % 2 == 0)); then order="new old"; fi
    for side in $order; do
        binary=${!side}
        start=$(awk '{print $1}' /proc/uptime)
        line=$( { /usr/bin/time -f "cpu %U %S" "$binary" bench "$config" --repeats 1 --steps "$steps"; } 2>&1 \
            | grep -E "^$config |^cpu ")
        end=$(awk '{print $1}' /proc/uptime)
        t=$(awk -v c="$config" '$1 == c {gsub(",", "", $2); print $2}' <<<"$line")
        i=$(awk -v c="$config" '$1 == c {gsub(",", "", $3); print $3}' <<<"$line")
        c=$(awk '$1 == "cpu" {print $2 + $3}' <<<"$line")
        train[$side]+="$t " infer[$side]+="$i " cpu[$side]+="$c "
        printf "round %d %-3s train/s %6s infer/s %6s cpu %5.2f s wall %5.2f s load %s\n" "$round" "$side" "$t" "$i" "$c" \
            "$(awk -v a="$start" -v b="$end" 'BEGIN{print b - a}')" "$(cut -d' ' -f1 /proc/loadavg)"
    done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
best() { tr ' ' '\n' | grep -v '^$' | sort -g | awk -v last="$1" 'NR == 1 {low=$1} {high=$1} END {print last ? high : low}'; }
for side in old new; do
    printf "median %-3s train/s %s infer/s %s cpu %s s\n" "$side" "$(median <<<"${train[$side]}")" \
        "$(median <<<"${infer[$side]}")" "$(median <<<"${cpu[$side]}")"
done
# The best run of each: the least disturbed by other load.
for side in old new; do
    printf "best   %-3s train/s %s infer/s %s cpu %s s\n" "$side" "$(best 1 <<<"${train[$side]}")" \
        "$(best 1 <<<"${infer[$side]}")" "$(best 0 <<<"${cpu[$side]}")"
done
