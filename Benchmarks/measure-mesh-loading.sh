#!/usr/bin/env bash
# Measures how long the tracer takes to load a large OBJ mesh and build its BVH,
# and its peak memory, for one or more tracer binaries side by side.
#
# Each scene is the bumpy sphere of Benchmarks/make-mesh-scene.py in the
# benchmark Cornell box, rendered at 8x8 with 1 spp on 1 thread, so that the
# run is almost all loading (OBJ parse, mesh, BVH build). The binaries are run
# alternately, RUNS times each, under /usr/bin/time -v; the script prints every
# run and then the min and median wall-clock time, CPU time (user + system;
# less disturbed by other processes on a shared machine) and peak resident set
# size, and the peak in bytes per triangle (which includes the ~22 MiB that
# the tracer needs with a tiny scene).
#
# Usage (from the repository root):
#   bash Benchmarks/measure-mesh-loading.sh TRACER [TRACER ...]
#   SIZES="100k 1M 3M" RUNS=3 bash Benchmarks/measure-mesh-loading.sh \
#       /path/to/baseline/tracer .build/release/tracer
# Defaults: SIZES="100k 1M", RUNS=3; scenes are written to SCENES
# (default /tmp/tracer-mesh-scenes) if not there yet. Needs GNU time
# (apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0"; exit 2; }
sizes=${SIZES:-100k 1M}
runs=${RUNS:-3}
scenes=${SCENES:-/tmp/tracer-mesh-scenes}
results=$(mktemp)

for size in $sizes; do
  paths=$(python3 Benchmarks/make-mesh-scene.py "$size" --out "$scenes" --dry-run)
  scene=$(echo "$paths" | tail -1)
  [ -f "$scene" ] || python3 Benchmarks/make-mesh-scene.py "$size" --out "$scenes" >/dev/null
  triangles=$(basename "$scene" .json); triangles=${triangles#mesh-}
  cat "${scene%.json}.obj" >/dev/null  # into the page cache, so that no run pays for the disk
  echo "== $scene ($triangles triangles)"
  for run in $(seq "$runs"); do
    for tracer in "$@"; do
      report=$(/usr/bin/time -v "$tracer" "$scene" --resolution 8x8 --spp 1 --threads 1 \
        -o /tmp/measure-mesh-loading.png --quiet 2>&1 >/dev/null)
      seconds=$(echo "$report" | awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }')
      cpu=$(echo "$report" | awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { print s }')
      kilobytes=$(echo "$report" | awk -F': ' '/Maximum resident set size/ { print $2 }')
      printf '%s run %d: %.2f s (CPU %.2f s), %d MiB peak\n' "$tracer" "$run" "$seconds" "$cpu" \
        $((kilobytes / 1024))
      echo "$size $triangles $tracer $seconds $kilobytes $cpu" >>"$results"
    done
  done
done

echo "== summary (min / median of $runs runs)"
for size in $sizes; do
  for tracer in "$@"; do
    awk -v size="$size" -v tracer="$tracer" '
      $1 == size && $3 == tracer { t[++n] = $4; m[n] = $5; c[n] = $6; triangles = $2 }
      function sort(a, n,   i, j, x) { for (i = 2; i <= n; i++) { x = a[i]
        for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x } }
      function median(a, n) { return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
      END { sort(t, n); sort(m, n); sort(c, n)
        printf "%s, %s: wall %.2f / %.2f s; CPU %.2f / %.2f s; peak %.0f / %.0f MiB = %.0f / %.0f bytes per triangle\n",
          size, tracer, t[1], median(t, n), c[1], median(c, n), m[1] / 1024, median(m, n) / 1024,
          m[1] * 1024 / triangles, median(m, n) * 1024 / triangles }' "$results"
  done
done
rm -f "$results"
