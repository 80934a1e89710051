#!/usr/bin/env bash
# Benchmark of `miniascape build`: wall time, CPU and peak RSS on the embedded default site and on generated
# sites of 1,000 and 10,000 guests on 100 networks. Prints figures; asserts nothing (targets are in docs/development.md).
# Usage: bench/build.sh [RUNS] [DIR]   (default 5 runs per case; DIR: where outputs go, default a temporary
#                                       directory under /tmp; give a tmpfs such as /dev/shm to leave out the disk)
# Three cases per site:
#   fresh      into a new, empty WORKDIR (each run its own; all removed at the end, not between runs)
#   unchanged  again over the same WORKDIR with the same input: every file is found the same, nothing is written
#   one guest  over that WORKDIR after one guest's memory changed (alternately back): the build writes into the
#              spare tree (.WORKDIR.spare, the tree the previous swap replaced), where only that guest's files
#              differ
# And first, for scale, what this file system takes to create as many files and directories as the 10,000-guest
# build does, with a few lines of Python (no Java, no rendering): the floor of a fresh build here.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
base=${2:-/tmp}
work=$(mktemp -d "$base/mia-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Builds the jar (and the class-data archive) before timing anything.
"$here/miniascape" --version >/dev/null

# shellcheck source=bench/site-gen.bash
. "$here/bench/site-gen.bash"

pick() { local n=$1; shift; printf '%s\n' "$@" | sort -n | sed -n "${n}p"; }
median() { pick $(( ($# + 1) / 2 )) "$@"; }

# run_case LABEL SETUP: before each timed run, SETUP (a function, given the run's number) sets `out`, the
# WORKDIR to build into, and `args`, the other arguments of build.
run_case() {
  local label=$1 setup=$2
  local times=() users=() syss=() rss=0
  for ((i = 0; i < runs; i++)); do
    $setup "$i"
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$here/miniascape" build -w "$out" "${args[@]}" > "$work/said"
    read -r t u s m < "$work/time"
    times+=("$t"); users+=("$u"); syss+=("$s")
    (( m > rss )) && rss=$m
  done
  printf '  %-10s wall best %6.2f s  median %6.2f s | CPU median user %5.2f s  sys %5.2f s | peak RSS %6.1f MB | %s\n' \
    "$label" "$(pick 1 "${times[@]}")" "$(median "${times[@]}")" "$(median "${users[@]}")" \
    "$(median "${syss[@]}")" "$(echo "$rss / 1024" | bc -l)" "$(sed 's/.*: //' "$work/said")"
}

out='' args=() site_name='' site_args=()
fresh() { out="$work/$site_name-fresh-$1"; args=("${site_args[@]}"); }
unchanged() { out="$work/$site_name-fresh-0"; args=("${site_args[@]}"); }
# Alternates between the two inputs, so that each run changes guest 0.
one_guest() {
  out="$work/$site_name-fresh-0"
  if (( $1 % 2 == 0 )); then args=(-C "$work/$site_name-changed.yml"); else args=(-C "$work/$site_name.yml"); fi
}

measure_site() { # measure_site NAME LABEL [GUESTS]
  site_name=$1
  echo "$2"
  site_args=()
  if [ -n "${3:-}" ]; then
    gen_site "$3" 100 "$work/$1.yml"
    gen_site "$3" 100 "$work/$1-changed.yml" 2048
    site_args=(-C "$work/$1.yml")
  fi
  run_case fresh fresh
  run_case unchanged unchanged
  if [ -n "${3:-}" ]; then
    run_case "one guest" one_guest
  fi
}

echo "miniascape build, $runs runs each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
  "outputs on $(df --output=fstype "$work" | tail -1) ($work)"
# The file system's own cost, measured first (before any output was deleted; kept until the end): 20,000
# directories and 50,000 small files, as in the 10,000-guest output.
python3 - "$work/floor" <<'EOF'
import os, sys, time
root = sys.argv[1]
t = time.time()
for g in range(10000):
    d = os.path.join(root, "guests", "g%d" % g)
    os.makedirs(os.path.join(d, "volumes"))
    for name in ("domain.xml", "vmbuild.sh", "net_register.sh", "ks.cfg", "volumes/g%d-disk0.qcow2.xml" % g):
        with open(os.path.join(d, name), "w") as f:
            f.write("x" * 2000)
print("  floor: python3 creating 20,000 directories and 50,000 files of 2 kB here: %.2f s" % (time.time() - t))
EOF

measure_site default "default site"
measure_site g1000 "1,000 guests / 100 networks" 1000
measure_site g10000 "10,000 guests / 100 networks" 10000

