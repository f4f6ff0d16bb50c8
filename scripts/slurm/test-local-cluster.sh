#!/usr/bin/env bash
# Starts a one-node Slurm cluster on this machine (munged, slurmctld and
# slurmd, all state in a temporary folder), renders a small scene in parts
# through submit.sh (an array job and a merge job with afterok) and a small
# animation with frames.sbatch (one task per frame), checks both against
# one-process renders, and stops what it started.
#
#   scripts/slurm/test-local-cluster.sh [N]      (default N = 4; run as root)
#
# Needs Debian's slurm-wlm and munge (apt-get install slurm-wlm munge) and a
# built tracer (TRACER, default .build/debug/tracer). Run by hand, not in CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-4}
tracer=$(realpath "${TRACER:-.build/debug/tracer}")
state=$(mktemp -d /tmp/tracer-slurm-XXXXXX)
chmod 755 "$state"
node=$(hostname -s)
pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  echo "stopped munged, slurmctld and slurmd; state and logs in $state"
}
trap stop EXIT

# munge: a fresh key and a socket of our own, so a system munged is left alone.
mkdir -p "$state/munge"
dd if=/dev/urandom of="$state/munge/munge.key" bs=1024 count=1 status=none
chmod 700 "$state/munge" && chmod 400 "$state/munge/munge.key"
munged --force --key-file="$state/munge/munge.key" --socket="$state/munge/munge.socket" \
  --pid-file="$state/munge/munged.pid" --log-file="$state/munge/munged.log" --seed-file="$state/munge/seed"
pids+=("$(cat "$state/munge/munged.pid")")

cpus=$(nproc)
cat > "$state/slurm.conf" <<CONF
ClusterName=tracer-test
SlurmctldHost=$node
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$state/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/d
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
NodeName=$node CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
mkdir -p "$state/ctld" "$state/d"
export SLURM_CONF=$state/slurm.conf
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 50); do [[ -s $state/slurmctld.pid && -s $state/slurmd.pid ]] && break; sleep 0.2; done
pids+=("$(cat "$state/slurmctld.pid")" "$(cat "$state/slurmd.pid")")
for _ in $(seq 100); do
  sinfo -h -o %T 2>/dev/null | grep -q idle && break
  sleep 0.2
done
sinfo

size=(--resolution 64x48 --spp 8)
"$tracer" scenes/cornell.json "${size[@]}" --threads 2 --quiet -o "$state/one.png"
merge=$(TRACER=$tracer scripts/slurm/submit.sh "$(realpath scenes/cornell.json)" "$count" "$state/parts" "$state/merged.png" "${size[@]}")
echo "submitted: $count part tasks and merge job $merge"
for _ in $(seq 600); do
  [[ -z $(squeue -h) ]] && break
  sleep 0.5
done
scontrol show job "$merge" 2>/dev/null | grep -E 'JobState|ExitCode' || true
cmp "$state/one.png" "$state/merged.png"
echo "Slurm: $count parts as an array job, merged after afterok = the one-process render, byte for byte"

# Frames as jobs: three frames of an animated version of the scene, one array task each.
python3 - "$state/anim.json" <<'PY'
import json, sys
scene = json.load(open("scenes/cornell.json"))
scene["film"].update({"frames": 3, "scene_time": 3})
for obj in scene["objects"]:
    geometry = obj.get("geometry", {})
    if "file" in geometry:
        geometry["file"] = __import__("os").path.realpath("scenes/" + geometry["file"])
json.dump(scene, open(sys.argv[1], "w"))
PY
"$tracer" "$state/anim.json" "${size[@]}" --threads 2 --quiet -o "$state/one-frames/"
frames=$(sbatch --parsable --array=0-2 --output="$state/frame-%a.log" --export=ALL,TRACER="$tracer" \
  scripts/slurm/frames.sbatch "$state/anim.json" "$state/frames" "${size[@]}")
for _ in $(seq 600); do
  [[ -z $(squeue -h) ]] && break
  sleep 0.5
done
for frame in 00000 00001 00002; do cmp "$state/one-frames/frame$frame.png" "$state/frames/frame$frame.png"; done
echo "Slurm: 3 frames as array job $frames = the one-process frame range, byte for byte"
