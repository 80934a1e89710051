#!/usr/bin/env bash
# Benchmark of `miniascape up` over two libvirt hosts against the same site on one host, in one run: N minimal
# guests (src/test/sh/minimal-guest.bash: the Debian test image's kernel, a busybox initramfs answering DHCP and
# an SSH banner; under TCG), each with a qcow2 overlay of a tiny empty base image and its NoCloud seed, on one
# isolated network (reservations in 198.51.100.0/24).
#   one host:  the site without `hosts`, all N guests on kvm1; `up` runs in kvm1's namespace (as on the host)
#   two hosts: the same guests alternately on kvm1 and kvm2, the network homed on kvm1 and stretched to kvm2 over
#              VXLAN (underlay 192.0.2.1/192.0.2.2), each host's shell `ip netns exec` of its namespace; `up` runs
#              outside both namespaces, reading the banners of its guests through kvm1's shell
# Two private libvirtd are started here, each in its own network namespace (bench/up.sh's recipe; needs root and
# the packages of .ci/run). Each `up` takes the site from nothing to ready (its guests leased and answering);
# `down` and a teardown follow each. Prints both wall times, their ratio, and from the two-host `up -o json`
# how long each host was busy (the union of its actions' times) and how much of that the two hosts overlapped
# (all actions, and without the waits for readiness). The baseline is measured in the same run, first.
# `up`'s default --parallel is twice the CPUs of the hosts it acts on: combined over two hosts, twice that of one
# (each sandbox reports this machine's CPUs); BENCH_MH_ARGS="--parallel 8" gives both runs the same bound.
# Asserts nothing. Usage: bench/multihost.sh [N]   (default 4; BENCH_MH_LOGS=DIR keeps the outputs there)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-4}

for tool in virsh qemu-img xorriso ssh-keygen libvirtd python3; do
  command -v "$tool" >/dev/null || { echo "bench/multihost.sh: needs $tool (the packages of .ci/run)" >&2; exit 2; }
done
{ read -r image_kernel; read -r image_initramfs; } < <("$here/src/test/sh/minimal-guest.bash")
[ -f "$image_initramfs" ] || { echo "bench/multihost.sh: src/test/sh/minimal-guest.bash failed" >&2; exit 1; }

work=$(mktemp -d /tmp/mia-bench-mh.XXXXXX)
# shellcheck source=bench/sandbox.bash
. "$here/bench/sandbox.bash"
# Copies, so that a rebuild of the shared caches while this runs takes nothing from under the guests.
cp "$image_kernel" "$work/vmlinuz"
cp "$image_initramfs" "$work/initramfs.cpio.gz"
ns_prefix="mia-bench-mh-$$"
declare -A daemon uri ns

# Everything of a sandbox goes through its own daemon: its domains, networks and pools are all ours.
teardown() { # teardown HOST
  sandbox_clear "${uri[$1]}"
  local x
  ip netns exec "${ns[$1]}" ip -o link show type vxlan | awk -F': ' '{ print $2 }' | cut -d@ -f1 \
    | while read -r x; do ip netns exec "${ns[$1]}" ip link del dev "$x"; done
}

cleanup() {
  set +e
  local h
  for h in kvm1 kvm2; do
    [ -n "${ns[$h]:-}" ] || continue
    if [ -n "${daemon[$h]:-}" ] && kill -0 "${daemon[$h]}" 2>/dev/null; then
      teardown "$h"
    fi
    sandbox_stop "${daemon[$h]:-}" "${ns[$h]}"
  done
  rm -rf "$work"
}
trap cleanup EXIT

# ---- two private libvirtd (bench/sandbox.bash)
start_daemon() { # start_daemon HOST
  ns[$1]="$ns_prefix-$1"
  sandbox_start "$work/$1" "${ns[$1]}"
  daemon[$1]=$sandbox_pid
  uri[$1]=$sandbox_uri
}
start_daemon kvm1
start_daemon kvm2
# The underlay between the two hosts, inside their namespaces only.
ip netns exec "${ns[kvm1]}" ip link add ul0 type veth peer name ul1 netns "${ns[kvm2]}"
ip netns exec "${ns[kvm1]}" ip addr add 192.0.2.1/24 dev ul0
ip netns exec "${ns[kvm1]}" ip link set ul0 up
ip netns exec "${ns[kvm2]}" ip addr add 192.0.2.2/24 dev ul1
ip netns exec "${ns[kvm2]}" ip link set ul1 up

"$here/miniascape" --version >/dev/null   # builds the jar and its class-data archive first
qemu-img create -q -f qcow2 -o compat=1.1 "$work/base.qcow2" 64M
ssh-keygen -q -t ed25519 -N '' -C bench@multihost -f "$work/id_ed25519"

gen_site() { # gen_site one|two
  local i h
  echo "site: benchmh"
  echo "domain: bench.test"
  if [ "$1" = two ]; then
    cat <<EOF
hosts:
  - {name: kvm1, uri: "${uri[kvm1]}", underlay: 192.0.2.1, shell: "ip netns exec ${ns[kvm1]}"}
  - {name: kvm2, uri: "${uri[kvm2]}", underlay: 192.0.2.2, shell: "ip netns exec ${ns[kvm2]}"}
EOF
  fi
  cat <<EOF
storage_pools:
  - {name: bm-pool1, type: dir, path: "$work/pool1"}
  - {name: bm-pool2, type: dir, path: "$work/pool2"}
networks:
  - {name: bm-lan, mode: isolated, $([ "$1" = two ] && echo "home: kvm1, ")bridge: bm-lan0, cidr: 198.51.100.0/24, dhcp: {start: 198.51.100.200, end: 198.51.100.250}}
guests:
EOF
  for ((i = 1; i <= n; i++)); do
    h=$((2 - i % 2))   # 1, 2, 1, 2, ...
    cat <<EOF
  - name: g$i
$([ "$1" = two ] && echo "    host: kvm$h")
    memory: 128
    virt_type: qemu
    boot: {kernel: "$work/vmlinuz", initrd: "$work/initramfs.cpio.gz", cmdline: "console=ttyS0 quiet"}
    disks: [{pool: bm-pool$h, size: 1}]
    install: {method: cloud-init, image: "$work/base.qcow2"}
    ssh_authorized_keys: ["$(cat "$work/id_ed25519.pub")"]
    interfaces:
      - {network: bm-lan, mac: "$(printf '52:54:00:b6:00:%02x' "$i")", ip: 198.51.100.$((10 + i))}
EOF
  done
}

# Per host of the two-host run: how long it was busy (the union of its actions' [start, end]), and how long both
# were busy at once; once over every action, once without the waits for readiness (ready/...).
overlap() {
  python3 - "$1" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
actions = [a for a in (doc.get("result") or {}).get("actions") or [] if a["status"] in ("done", "failed")]
def union(iv):
    out = []
    for s, e in sorted(iv):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return out
def total(u):
    return sum(e - s for s, e in u)
def both(a, b):
    t, i, j = 0, 0, 0
    while i < len(a) and j < len(b):
        t += max(0, min(a[i][1], b[j][1]) - max(a[i][0], b[j][0]))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return t
for label, keep in (("every action", lambda a: True), ("without the ready waits", lambda a: not a["id"].startswith("ready/"))):
    per = {}
    for a in actions:
        if keep(a) and "@" in a["id"]:
            per.setdefault(a["id"].rsplit("@", 1)[1], []).append((a["started_at"], a["started_at"] + a["millis"]))
    u = {h: union(iv) for h, iv in per.items()}
    if len(u) < 2:
        print("    %s: only %s had actions" % (label, ", ".join(u) or "no host"))
        continue
    h1, h2 = sorted(u)[:2]
    o = both(u[h1], u[h2])
    shorter = min(total(u[h1]), total(u[h2])) or 1
    print("    %s: %s busy %.1f s, %s busy %.1f s, both at once %.1f s (%.0f %% of the shorter)" % (
        label, h1, total(u[h1]) / 1000, h2, total(u[h2]) / 1000, o / 1000, 100 * o / shorter))
for a in actions:
    if a["status"] == "failed":
        print("    FAILED %s: %s" % (a["id"], a["error"]))
PY
}

summary() {
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print((d.get("result") or {}).get("summary") or d.get("error"))' "$1"
}

now() { date +%s.%N; }

run_up() { # run_up one|two: prints the wall time in seconds; its outputs in $work/$1.*
  local rc=0 t0 t1
  gen_site "$1" > "$work/$1.yml"
  t0=$(now)
  if [ "$1" = one ]; then
    # shellcheck disable=SC2086  # BENCH_MH_ARGS: words of their own
    ip netns exec "${ns[kvm1]}" "$here/miniascape" up -C "$work/one.yml" --connect "${uri[kvm1]}" --timeout 900s \
      -o json ${BENCH_MH_ARGS:-} > "$work/one.out" 2> "$work/one.err" || rc=$?
  else
    # shellcheck disable=SC2086
    "$here/miniascape" up -C "$work/two.yml" --timeout 900s -o json ${BENCH_MH_ARGS:-} > "$work/two.out" \
      2> "$work/two.err" || rc=$?
  fi
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }' > "$work/$1.wall"
  if [ -n "${BENCH_MH_LOGS:-}" ]; then
    mkdir -p "$BENCH_MH_LOGS"; cp "$work/$1".{yml,out,err} "$BENCH_MH_LOGS/"
  fi
  if [ "$1" = one ]; then
    ip netns exec "${ns[kvm1]}" "$here/miniascape" down --yes -C "$work/one.yml" --connect "${uri[kvm1]}" \
      > "$work/one.down" 2>&1 || echo "one host: miniascape down failed: $(tail -3 "$work/one.down")"
  else
    "$here/miniascape" down --yes -C "$work/two.yml" > "$work/two.down" 2>&1 \
      || echo "two hosts: miniascape down failed: $(tail -3 "$work/two.down")"
  fi
  teardown kvm1; teardown kvm2
  rm -rf "$work/pool1" "$work/pool2"
  return "$rc"
}

echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; $(date -u +%Y-%m-%d); N=$n${BENCH_MH_ARGS:+; up $BENCH_MH_ARGS}"
one_rc=0; two_rc=0
run_up one || one_rc=$?
echo "one host (kvm1, $n guests): up $(cat "$work/one.wall") s, exit $one_rc   [$(summary "$work/one.out")]"
[ "$one_rc" -eq 0 ] || tail -5 "$work/one.err"
run_up two || two_rc=$?
echo "two hosts (kvm1 $(((n + 1) / 2)), kvm2 $((n / 2)) guests): up $(cat "$work/two.wall") s, exit $two_rc   [$(summary "$work/two.out")]"
[ "$two_rc" -eq 0 ] || tail -5 "$work/two.err"
overlap "$work/two.out"
awk -v a="$(cat "$work/one.wall")" -v b="$(cat "$work/two.wall")" \
  'BEGIN { printf "two hosts / one host: %.2f (%.2fx the speed of one host)\n", b / a, a / b }'
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
