#!/usr/bin/env bash
# Submits a render in N parts to Slurm: an array job of N tasks, then a merge
# job that runs only when every task succeeded (--dependency=afterok).
#
#   scripts/slurm/submit.sh SCENE N PARTS_DIR OUT [tracer render options...]
#
# Prints the merge job's id. PARTS_DIR and OUT must be on a file system every
# node sees; SBATCH_OPTIONS adds options to both submissions (a partition, say).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
scene=$1 count=$2 parts=$3 out=$4
shift 4
mkdir -p "$parts"
# shellcheck disable=SC2086  # SBATCH_OPTIONS is a list of options
array=$(sbatch --parsable ${SBATCH_OPTIONS:-} --array=1-"$count" --output="$parts/part-%a.log" \
  "$here/render.sbatch" "$scene" "$count" "$parts" "$@")
# shellcheck disable=SC2086
sbatch --parsable ${SBATCH_OPTIONS:-} --dependency=afterok:"$array" --output="$parts/merge.log" \
  "$here/merge.sbatch" "$count" "$parts" "$out"
