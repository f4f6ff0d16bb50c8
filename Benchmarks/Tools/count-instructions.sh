#!/usr/bin/env bash
# Counts instructions per operation with callgrind (this VM has no hardware
# performance counters), using the release-built `arena-probe` workloads.
# Run from the Benchmarks folder:  bash Tools/count-instructions.sh
# (The symbol names below are the mangled names of the probe's workload functions
# and of ArenaState.release(to:); rename those and they must change here too.)
set -euo pipefail

swift build -c release --product arena-probe >/dev/null
probe="$(swift build -c release --show-bin-path)/arena-probe"
out="$(mktemp -d)"

per() { awk -v total="$1" -v count="$2" 'BEGIN { printf "%.1f", total / count }'; }

# Instructions executed inside `function` (inclusive of what it calls) for one run of the probe.
collected() {  # function, probe arguments...
  local function="$1"; shift
  valgrind --tool=callgrind --collect-atstart=no --toggle-collect="$function" \
    --callgrind-out-file="$out/run.out" "$probe" "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

echo "Instructions per 32-byte value, over 1,000,000 values. Every row includes the same"
echo "loop, value initialization and call to an empty C sink (about 23 instructions):"
for workload in arena:'$s11arena_probe15allocateInArenayy05LightE006MemoryE0VzF' \
                class:'$s11arena_probe15allocateObjectsyyF' \
                malloc:'$s11arena_probe18allocateWithMallocyyF'; do
  name="${workload%%:*}"; function="${workload#*:}"
  total=$(collected "$function" "allocate-$name")
  echo "  $name: $(per "$total" 1000000)"
done

echo "Instructions per scope release, ArenaState.release(to:) with what it calls, in steady"
echo "state: (3 rounds - 2 rounds) of 1,000 nested scopes + 1 outermost scope, / 1,001:"
release='$s10LightArena0B5StateV7release2toyAC4MarkV_tF'
for n in 10 10000; do
  two=$(collected "$release" reset "$n" 2)
  three=$(collected "$release" reset "$n" 3)
  echo "  N = $n: $(per $((three - two)) 1001)"
done
rm -rf "$out"
