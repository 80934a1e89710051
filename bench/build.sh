#!/usr/bin/env bash
# Benchmark of `miniascape build`: wall time and peak RSS on the embedded default site and on generated sites
# of 1,000 and 10,000 guests on 100 networks. Prints figures; asserts nothing (targets are in the README).
# Usage: bench/build.sh [RUNS]   (default 5 runs per site; best and median wall, median user/sys CPU)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Builds the jar (and the class-data archive) before timing anything.
"$here/miniascape" --version >/dev/null

gen_site() { # gen_site GUESTS NETWORKS FILE
  local guests=$1 nets=$2 file=$3 per=$(( ($1 + $2 - 1) / $2 ))
  {
    echo "site: bench"
    echo "storage_pools: [{name: default, type: dir, path: /var/lib/libvirt/images}]"
    echo "networks:"
    for ((n = 0; n < nets; n++)); do
      local a=$((n / 128)) b=$(( (n % 128) * 2 ))
      printf '  - {name: n%d, mode: nat, cidr: 10.%d.%d.0/23, dhcp: {start: 10.%d.%d.200, end: 10.%d.%d.250, static: {start: 10.%d.%d.10, end: 10.%d.%d.100}}}\n' \
        "$n" "$a" "$b" "$a" $((b + 1)) "$a" $((b + 1)) "$a" "$b" "$a" $((b + 1))
    done
    echo "common: {memory: 1024, disks: [{pool: default, size: 10}], install: {method: kickstart, location: 'http://10.0.0.1/rhel9/'}}"
    echo "guests:"
    for ((g = 0; g < guests; g++)); do
      printf '  - {name: g%d, interfaces: [{network: n%d}]}\n' "$g" $((g / per))
    done
  } > "$file"
}

measure() { # measure LABEL ARGS...  → prints best/median wall seconds, median user and sys CPU, peak RSS
  local label=$1; shift
  local times=() users=() syss=() rss=0
  for ((i = 0; i < runs; i++)); do
    rm -rf "$work/out"
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$here/miniascape" build -w "$work/out" "$@" >/dev/null
    read -r t u s m < "$work/time"
    times+=("$t"); users+=("$u"); syss+=("$s")
    (( m > rss )) && rss=$m
  done
  files=$(find "$work/out" -type f | wc -l)
  printf '%-28s wall best %6.2f s  median %6.2f s | CPU median user %6.2f s  sys %6.2f s | peak RSS %6.1f MB (%d files)\n' \
    "$label" "$(pick 1 "${times[@]}")" "$(median "${times[@]}")" "$(median "${users[@]}")" "$(median "${syss[@]}")" \
    "$(echo "$rss / 1024" | bc -l)" "$files"
}
pick() { local n=$1; shift; printf '%s\n' "$@" | sort -n | sed -n "${n}p"; }
median() { pick $(( ($# + 1) / 2 )) "$@"; }

gen_site 1000 100 "$work/site-1000.yml"
gen_site 10000 100 "$work/site-10000.yml"
# Wall time on a shared machine follows its load; user CPU is the steadier figure. sys is mostly creating
# files: on ext4 without a journal (as here) creating an inode skips the inodes deleted in the last minutes,
# so a build right after the previous output was deleted (each run here, and every rebuild) pays more.
echo "miniascape build, $runs runs each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
measure "default site" 
measure "1,000 guests / 100 networks" -C "$work/site-1000.yml"
measure "10,000 guests / 100 networks" -C "$work/site-10000.yml"
