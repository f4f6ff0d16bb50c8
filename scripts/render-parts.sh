#!/usr/bin/env bash
# Renders a scene in N parts with GNU parallel, then merges them.
#
#   scripts/render-parts.sh SCENE N OUT [tracer render options...]
#
# Each part is one `tracer render --part K/N` job; `parallel` runs as many at
# once as there are cores (or -j, through PARALLEL_OPTIONS, e.g. "-j 4";
# "--sshlogin host1,host2" runs them on other machines when the scene, the
# tracer and the parts folder are on a path they share). The parts go to
# OUT's folder as .OUT-part-K-of-N.exr and are removed after the merge.
# TRACER names the tracer binary (default: `tracer` on PATH, else
# .build/debug/tracer).
set -euo pipefail
if (($# < 3)); then
  sed -n '2,13p' "$0"
  exit 2
fi
scene=$1 count=$2 out=$3
shift 3
if ! [[ $count =~ ^[1-9][0-9]*$ ]]; then
  echo "render-parts.sh: N must be a positive integer, not '$count'" >&2
  exit 2
fi
tracer=${TRACER:-$(command -v tracer || echo .build/debug/tracer)}
folder=$(dirname "$out")
name=$(basename "$out")
parts=()
for ((k = 1; k <= count; k++)); do parts+=("$folder/.$name-part-$k-of-$count.exr"); done
trap 'rm -f "${parts[@]}"' EXIT

# shellcheck disable=SC2086  # PARALLEL_OPTIONS is a list of options
parallel --halt now,fail=1 ${PARALLEL_OPTIONS:-} \
  "$tracer" render "$scene" --part {}/"$count" -o "$folder/.$name-part-{}-of-$count.exr" --quiet "$@" \
  ::: $(seq 1 "$count")
"$tracer" merge "${parts[@]}" -o "$out"
