#!/usr/bin/env bash
# Benchmark of `miniascape plan` on the 10,000-guest site of bench/build.sh (100 NAT networks, one pool, 10,000
# domains with a volume each) against a libvirt test-driver host that already holds all of it as miniascape
# defines it, beside baselines measured in the same run: `miniascape validate` of the same site (loading and
# validating the site is where plan starts), `virsh uri` on the same host (opening it: the test driver reads its
# whole node file at every connection, before any call) and `virsh list --all` (opening it and listing). Target (docs/development.md): plan <= 2x validate.
# Prints figures; asserts nothing. Usage: bench/plan.sh [RUNS] [GUESTS]   (default 5 runs, 10000 guests)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
guests=${2:-10000}
work=$(mktemp -d /tmp/mia-bench.XXXXXX)
trap 'tail -n 3 "$work/err"; rm -rf "$work"' EXIT

"$here/miniascape" --version >/dev/null   # builds the jar and its class-data archive first

# shellcheck source=bench/site-gen.bash
. "$here/bench/site-gen.bash"
gen_site "$guests" 100 "$work/site.yml"
java -cp "$here/target/miniascape.jar:$here/target/lib/*" "$here/bench/PlanHost.java" "$work/site.yml" \
  > "$work/node.xml"
uri="test://$work/node.xml"

pick() { local n=$1; shift; printf '%s\n' "$@" | sort -n | sed -n "${n}p"; }
median() { pick $(( ($# + 1) / 2 )) "$@"; }

# timed LABEL ARGS...: best and median wall time and peak RSS of `miniascape ARGS` over RUNS runs.
timed() {
  local label=$1; shift
  local times=() rss=0
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f '%e %M' -o "$work/time" "$here/miniascape" "$@" > "$work/out" 2> "$work/err" || true
    # time(1) puts "Command exited with non-zero status N" first when the command fails: the figures are last
    read -r t m < <(tail -n 1 "$work/time")
    times+=("$t")
    (( m > rss )) && rss=$m
  done
  best=$(pick 1 "${times[@]}") med=$(median "${times[@]}")
  printf '  %-32s wall best %6.2f s  median %6.2f s | peak RSS %6.1f MB | %s\n' "$label" "$best" "$med" \
    "$(echo "$rss / 1024" | bc -l)" "$(tail -n 1 "$work/out")"
}

echo "$guests guests / 100 networks, host holding all of it ($(grep -c '<domain type' "$work/node.xml") domains)"
timed "validate (baseline)" validate -C "$work/site.yml"
validate_med=$med
# virsh_floor LABEL ARGS...: best and median wall time of `virsh -c URI ARGS` over RUNS runs (median in $med).
virsh_floor() {
  local label=$1; shift
  local times=()
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f '%e' -o "$work/time" virsh -c "$uri" "$@" > /dev/null
    times+=("$(cat "$work/time")")
  done
  med=$(median "${times[@]}")
  printf '  %-32s wall best %6.2f s  median %6.2f s\n' "$label" "$(pick 1 "${times[@]}")" "$med"
}
# Opening the connection alone: the test driver parses the whole node file then, before any call.
virsh_floor "virsh uri (opening the host)" uri
open_med=$med
virsh_floor "virsh list --all" list --all
timed "plan" plan -C "$work/site.yml" --connect "$uri"
plan_med=$med
printf '  plan / validate (medians): %.2f (target <= 2); opening the host alone / validate: %.2f;' \
  "$(echo "$plan_med / $validate_med" | bc -l)" "$(echo "$open_med / $validate_med" | bc -l)"
printf ' plan less opening the host / validate: %.2f\n' "$(echo "($plan_med - $open_med) / $validate_med" | bc -l)"
