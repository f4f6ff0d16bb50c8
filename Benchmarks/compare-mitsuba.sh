#!/usr/bin/env bash
# Renders one scene with the tracer and with Mitsuba 3, alternately, and prints
# each run's camera samples per second of rendering (scene loading excluded, as
# both report it) and the ratio tracer / Mitsuba pair by pair, then the median.
#
# Usage (from the repository root, after `swift build -c release --product tracer`):
#   bash Benchmarks/compare-mitsuba.sh [VARIANT ...]
# Defaults: VARIANT = scalar_rgb llvm_ad_rgb; SCENE=scenes/bench/cornell_lambertian.json,
# SIZE=480x360, SPP=64, THREADS=2, PAIRS=5, MITSUBA_PYTHON=~/mitsuba-venv/bin/python.
# Mitsuba is set up as ../shared/bench/README.md says (pip install mitsuba numpy); its
# LLVM variant needs DRJIT_LIBLLVM_PATH, which is taken from rustup's toolchain when unset.
# Both render the same scene at the same size, spp and thread count; Mitsuba renders
# in 16-spp passes (its JIT is fastest that way) with Russian roulette from depth 5,
# where the scene's min_depth 4 starts it in the tracer.
set -euo pipefail
cd "$(dirname "$0")/.."
scene=${SCENE:-scenes/bench/cornell_lambertian.json}
size=${SIZE:-480x360}
spp=${SPP:-64}
threads=${THREADS:-2}
pairs=${PAIRS:-5}
python=${MITSUBA_PYTHON:-$HOME/mitsuba-venv/bin/python}
script=${MITSUBA_SCRIPT:-../shared/bench/mitsuba_render.py}
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=(scalar_rgb llvm_ad_rgb)
if [ -z "${DRJIT_LIBLLVM_PATH:-}" ]; then
  DRJIT_LIBLLVM_PATH=$(ls ~/.rustup/toolchains/stable-*/lib/libLLVM.so.* 2>/dev/null | head -n 1 || true)
  export DRJIT_LIBLLVM_PATH
fi
width=${size%x*}
height=${size#*x}
passes=$(( spp >= 16 ? spp / 16 : 1 ))

tracer_rate() {
  .build/release/tracer "$scene" --resolution "$size" --spp "$spp" --threads "$threads" \
    -o /tmp/compare-mitsuba.png 2>&1 | sed -n 's/.*, \([0-9.]*\) M samples\/s.*/\1/p' | tail -1
}

mitsuba_rate() {
  "$python" "$script" --scene "$scene" --spp "$spp" --passes "$passes" --threads "$threads" \
    --rr-depth 5 --width "$width" --height "$height" --variant "$1" 2>&1 |
    sed -n 's/.*-> \([0-9.]*\) Msamples\/s.*/\1/p' | tail -1
}

for variant in "${variants[@]}"; do
  echo "== $scene, ${size}, $spp spp, $threads threads: tracer vs Mitsuba $variant (M camera samples/s)"
  mitsuba_rate "$variant" >/dev/null  # warm-up: the JIT's kernel cache, the page cache
  ratios=()
  for pair in $(seq "$pairs"); do
    a=$(tracer_rate)
    b=$(mitsuba_rate "$variant")
    ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }')
    ratios+=("$ratio")
    echo "pair $pair: tracer $a, mitsuba $b, ratio $ratio"
  done
  printf '%s\n' "${ratios[@]}" | sort -n | awk -v v="$variant" '{ r[NR] = $1 }
    END { m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
          printf "median ratio tracer / %s: %.2f (range %.2f-%.2f, %d pairs)\n", v, m, r[1], r[NR], NR }'
done
