#!/usr/bin/env bash
# Measures the tracer as the README reports it, in one run, with a release build:
#   1. samples/s on scenes/bench/cornell_lambertian.json (tray_rust's Cornell box, all
#      materials Lambertian, 480x360, 64 spp) with 1 and 2 threads;
#   2. the allocation ablation: the same render with --scratch-memory arena and heap;
#   3. mallocs per camera sample for both, counted with a preloaded malloc counter
#      (Tools/CountMallocs) as the difference between 8 and 4 spp at 60x45.
# Usage: bash Benchmarks/measure-tracer.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product tracer >/dev/null
tracer=.build/release/tracer
scene=scenes/bench/cornell_lambertian.json

echo "== threads (arena), $scene"
for threads in 1 2; do
  "$tracer" "$scene" -o /tmp/measure.png --threads "$threads" 2>&1 | tail -1
done

echo "== allocator ablation, 2 threads"
for round in 1 2; do
  for allocator in arena heap; do
    printf '%s: ' "$allocator"
    "$tracer" "$scene" -o /tmp/measure.png --threads 2 --scratch-memory "$allocator" 2>&1 | tail -1
  done
done

echo "== mallocs per camera sample"
gcc -O2 -shared -fPIC -o /tmp/count-mallocs.so Benchmarks/Tools/CountMallocs/count-mallocs.c
for allocator in arena heap; do
  counts=()
  for spp in 4 8; do
    line=$(LD_PRELOAD=/tmp/count-mallocs.so "$tracer" "$scene" -o /tmp/measure.png --threads 1 \
      --spp "$spp" --resolution 60x45 --quiet --scratch-memory "$allocator" 2>&1 | grep '^mallocs:')
    counts+=("${line#mallocs: }")
  done
  awk -v a="$allocator" -v c4="${counts[0]}" -v c8="${counts[1]}" \
    'BEGIN { printf "%s: %d mallocs at 4 spp, %d at 8 spp: %.2f per sample\n", a, c4, c8, (c8 - c4) / (60 * 45 * 4) }'
done
