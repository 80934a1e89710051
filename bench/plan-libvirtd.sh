#!/usr/bin/env bash
# Benchmark of `miniascape plan` against a real libvirtd (a private one started here in its own network namespace,
# the recipe of the integration tests; needs root and the packages of .ci/run) holding the site's pool and volumes
# (made by `storage register`) and each guest's domain as its install left it (bench/PlanHost.java --domains,
# defined by one virsh) — the host bench/plan.sh stands in for with the test driver, without
# the test driver's cost of parsing one huge node file at every connection. Site: bench/site-gen.bash, GUESTS
# kickstart guests over 100 NAT networks (the networks are planned, never started). Prints, over RUNS runs, the
# best and median wall time of `plan`, of `validate` of the same site (where plan starts) and of `virsh list
# --all` on the same host (the daemon's floor for a client), and the ratio plan / validate.
# Target (docs/development.md): plan <= 2x validate. Asserts nothing.
# Usage: bench/plan-libvirtd.sh [RUNS] [GUESTS]   (default 3 runs, 2000 guests; defining 10,000 takes minutes)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
guests=${2:-2000}
work=$(mktemp -d /tmp/mia-bench.XXXXXX)
# shellcheck source=bench/sandbox.bash
. "$here/bench/sandbox.bash"
ns="mia-bench-$$"
daemon=

cleanup() {
  set +e
  sandbox_stop "$daemon" "$ns"
  rm -rf "$work"
}
trap cleanup EXIT

"$here/miniascape" --version >/dev/null   # builds the jar and its class-data archive first

# shellcheck source=bench/site-gen.bash
. "$here/bench/site-gen.bash"
gen_site "$guests" 100 "$work/site.yml"
# No KVM on the machines this runs on: the qemu driver defines TCG domains only.
sed -i 's/^common: {/common: {virt_type: qemu, /' "$work/site.yml"

# ---- a private libvirtd (bench/sandbox.bash); its /var/lib/libvirt is "$d/lib"
d="$work/libvirtd"
sandbox_start "$d" "$ns"
daemon=$sandbox_pid
uri=$sandbox_uri

mia() { ip netns exec "$ns" "$here/miniascape" "$@" 2>>"$work/stderr.txt"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
pick() { local n=$1; shift; printf '%s\n' "$@" | sort -n | sed -n "${n}p"; }

t0=$(now)
mia storage register -C "$work/site.yml" --connect "$uri" > "$work/define.txt" \
  || { tail -n 5 "$work/define.txt" "$work/stderr.txt" >&2; exit 1; }
java -cp "$here/target/miniascape.jar:$here/target/lib/*" "$here/bench/PlanHost.java" "$work/site.yml" \
  --domains "$work/domains"
defines=$(for f in "$work"/domains/*.xml; do printf 'define %s; ' "$f"; done)
ip netns exec "$ns" virsh -q -c "$uri" "$defines" > /dev/null
t1=$(now)
echo "the host: storage register and $guests domains defined: $(elapsed "$t0" "$t1") s   [$(tail -1 "$work/define.txt")]"

plan=() validate=() list=()
for ((r = 0; r < runs; r++)); do
  t0=$(now); mia validate -C "$work/site.yml" > /dev/null; t1=$(now); validate+=("$(elapsed "$t0" "$t1")")
  t0=$(now); mia plan -C "$work/site.yml" --connect "$uri" > "$work/plan.txt"; t1=$(now)
  plan+=("$(elapsed "$t0" "$t1")")
  t0=$(now); ip netns exec "$ns" virsh -q -c "$uri" list --all > /dev/null; t1=$(now); list+=("$(elapsed "$t0" "$t1")")
done
best() { pick 1 "$@"; }
median() { pick $(( ($# + 1) / 2 )) "$@"; }
echo "plan ($guests guests):      best $(best "${plan[@]}") s, median $(median "${plan[@]}") s   [$(tail -1 "$work/plan.txt")]"
echo "validate (baseline):     best $(best "${validate[@]}") s, median $(median "${validate[@]}") s"
echo "virsh list --all (floor): best $(best "${list[@]}") s, median $(median "${list[@]}") s"
awk -v p="$(best "${plan[@]}")" -v v="$(best "${validate[@]}")" \
  'BEGIN { printf "plan / validate: %.2fx (target <= 2x)\n", p / v }'
