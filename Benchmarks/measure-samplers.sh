#!/usr/bin/env bash
# Measures the samplers' error at a given sample budget, as the README reports it:
# each scene is rendered once at 2048 spp as the reference, then with the
# low-discrepancy and uniform samplers at fixed sample counts and with the adaptive
# sampler at several thresholds (first batch 16, at most 256), and each image's
# RMSE against the reference is printed (Tools/CompareImages) next to its average
# samples per pixel. Takes about 5 minutes on 2 cores.
# Usage: bash Benchmarks/measure-samplers.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product tracer >/dev/null
tracer=.build/release/tracer
(cd Benchmarks && swift build -c release --product compare-images >/dev/null)
compare="$(cd Benchmarks && swift build -c release --show-bin-path)/compare-images"
out="$(mktemp -d)"

spp_of() { sed -n 's/.*, \([0-9.]*\) spp.*/\1/p'; }

for entry in cornell:200x150 materials:160x120; do
  scene="${entry%%:*}"; size="${entry#*:}"
  echo "== scenes/$scene.json at $size (reference: 2048 spp)"
  "$tracer" "scenes/$scene.json" --resolution "$size" --spp 2048 -q -o "$out/$scene-reference.png"
  images=()
  for spp in 16 32 64 128; do
    for sampler in low-discrepancy uniform; do
      image="$out/$scene-$sampler-$spp.png"
      "$tracer" "scenes/$scene.json" --resolution "$size" --spp "$spp" --sampler "$sampler" -q -o "$image"
      images+=("$image")
    done
  done
  for threshold in 0.2 0.1 0.05; do
    image="$out/$scene-adaptive-$threshold.png"
    average=$("$tracer" "scenes/$scene.json" --resolution "$size" --spp 16 --sampler adaptive --max-spp 256 \
                --threshold "$threshold" -o "$image" 2>&1 | spp_of)
    echo "adaptive, threshold $threshold: $average spp on average"
    images+=("$image")
  done
  "$compare" "$out/$scene-reference.png" "${images[@]}" | sed "s|$out/||"
done
rm -rf "$out"
