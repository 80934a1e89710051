#!/usr/bin/env bash
# Benchmark of `miniascape plan` against a real libvirtd (a private one started here in its own network namespace,
# the recipe of the integration tests; needs root and the packages of .ci/run) holding the site's pool, volumes and
# domains as `guest define --all` made them — the host bench/plan.sh stands in for with the test driver, without
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
ns="mia-bench-$$"
daemon=

cleanup() {
  set +e
  if [ -n "$daemon" ] && kill -0 "$daemon" 2>/dev/null; then
    kill -TERM "$daemon"; wait "$daemon" 2>/dev/null
  fi
  for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -TERM "$pid"; done
  sleep 0.2
  for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid"; done
  ip netns del "$ns" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$here/miniascape" --version >/dev/null   # builds the jar and its class-data archive first

# shellcheck source=bench/site-gen.bash
. "$here/bench/site-gen.bash"
gen_site "$guests" 100 "$work/site.yml"
# No KVM on the machines this runs on: the qemu driver defines TCG domains only.
sed -i 's/^common: {/common: {virt_type: qemu, /' "$work/site.yml"

# ---- a private libvirtd (see shared docs: libvirt-sandbox.md); its /var/lib/libvirt is "$d/lib"
d="$work/libvirtd"
mkdir -p "$d"/{etc,run,lib,cache,log}
printf '%s\n' 'unix_sock_group = "root"' 'unix_sock_rw_perms = "0700"' 'auth_unix_ro = "none"' \
  'auth_unix_rw = "none"' 'log_outputs = "3:file:/var/log/libvirt/libvirtd.log"' > "$d/etc/libvirtd.conf"
printf '%s\n' 'user = "root"' 'group = "root"' 'security_driver = "none"' 'stdio_handler = "file"' > "$d/etc/qemu.conf"
echo "nameserver 127.0.0.1" > "$d/resolv.conf"
ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
# shellcheck disable=SC2016  # expanded by the inner sh
ip netns exec "$ns" unshare -m --propagation private sh -c '
  B=$1
  mount --bind "$B/etc" /etc/libvirt && mount --bind "$B/run" /run/libvirt &&
  mount --bind "$B/lib" /var/lib/libvirt && mount --bind "$B/cache" /var/cache/libvirt &&
  mount --bind "$B/log" /var/log/libvirt && mount --bind "$B/resolv.conf" /etc/resolv.conf &&
  exec libvirtd -f /etc/libvirt/libvirtd.conf -p /run/libvirt/libvirtd.pid' sh "$d" > "$d/daemon.out" 2>&1 &
daemon=$!
uri="qemu+unix:///system?socket=$d/run/libvirt-sock"
for ((i = 0; i < 600; i++)); do
  virsh -q -c "$uri" version >/dev/null 2>&1 && break
  kill -0 "$daemon" 2>/dev/null || { cat "$d/daemon.out" >&2; exit 1; }
  sleep 0.1
done

mia() { ip netns exec "$ns" "$here/miniascape" "$@" 2>>"$work/stderr.txt"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
pick() { local n=$1; shift; printf '%s\n' "$@" | sort -n | sed -n "${n}p"; }

t0=$(now)
mia guest define --all -C "$work/site.yml" --connect "$uri" > "$work/define.txt" \
  || { tail -n 5 "$work/define.txt" "$work/stderr.txt" >&2; exit 1; }
t1=$(now)
echo "guest define --all ($guests domains and volumes): $(elapsed "$t0" "$t1") s   [$(tail -1 "$work/define.txt")]"

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
