#!/usr/bin/env bash
# Benchmark of `miniascape up` taking guests from nothing to ready, against what a user would otherwise run: a
# sequential script of virsh net-define/net-start, pool-define-as, vol-create (overlay) and vol-create-as +
# vol-upload (NoCloud seed), virt-install --import --noautoconsole per guest, then a poll (every second) of
# virsh net-dhcp-leases until every reservation is leased and each guest's port 22 sends an SSH banner.
# Both run on one private libvirtd started here in its own network namespace (bench/apply.sh's recipe; needs
# root and the packages of .ci/run), in that namespace, one after the other (the script first), under TCG.
# Each guest: 2 NICs (a NAT and an isolated network, reservations in the documentation ranges), a qcow2 overlay
# of a tiny empty base image and its seed, booted by direct kernel boot: the Debian cloud kernel of the test
# image (~/.cache/miniascape-test/debian-12, built by src/test/sh/debian-image.sh when missing) and the
# initramfs of src/test/sh/minimal-guest.bash (cached in ~/.cache/miniascape-bench): busybox-static, the kernel's
# virtio_pci and virtio_net modules, and an /init that runs udhcpc on every NIC and answers on TCP 22 with
# `SSH-2.0-minimal`.
# Prints, per number of guests: both wall times, their ratio, miniascape's CPU time (user+sys of its process
# tree: launcher, JVM, xorriso) and that CPU as % of its wall time; then the real Debian image at 2 guests.
# Targets (docs/development.md): at 8 guests >= 3x faster than the script; miniascape CPU <= 5 % of its wall.
# Asserts nothing. Usage: bench/up.sh [--no-debian] [N...]   (default: 1 4 8; BENCH_UP_LOGS=DIR keeps the outputs
# and the guests' serial logs there, one directory per N)
# BENCH_UP_ARGS: more arguments for `up` (e.g. "--parallel 8"). Each run also prints where up's time went, per kind
# of action (from its JSON result).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

# ---- names and addresses of the benchmark's site (the sequential script uses the same)
nat_net=bu-nat iso_net=bu-iso pool=bu-pool
nat_mac() { printf '52:54:00:b5:00:%02x' "$1"; }
iso_mac() { printf '52:54:00:b5:01:%02x' "$1"; }
nat_ip() { echo "198.51.100.$((10 + $1))"; }
iso_ip() { echo "203.0.113.$((10 + $1))"; }

# ---- the sequential script, run as `bench/up.sh --sequential N` inside the namespace (BU_* from the parent)
sequential() {
  local n=$1 i
  local v=(virsh -q -c "$BU_URI")
  local net_xml="$BU_WORK/seq" && mkdir -p "$net_xml"
  for spec in "$nat_net nat 198.51.100 nat" "$iso_net iso 203.0.113 iso"; do
    read -r name kind prefix fwd <<< "$spec"
    {
      echo "<network><name>$name</name>"
      [ "$fwd" = nat ] && echo "<forward mode='nat'/>"
      echo "<bridge name='${name}0'/><domain name='bench.test'/>"
      echo "<ip address='$prefix.1' netmask='255.255.255.0'><dhcp><range start='$prefix.200' end='$prefix.250'/>"
      for ((i = 1; i <= n; i++)); do
        echo "<host mac='$("${kind}_mac" "$i")' ip='$("${kind}_ip" "$i")' name='g$i'/>"
      done
      echo "</dhcp></ip></network>"
    } > "$net_xml/$name.xml"
    "${v[@]}" net-define "$net_xml/$name.xml" >/dev/null
    "${v[@]}" net-start "$name" >/dev/null
  done
  "${v[@]}" pool-define-as "$pool" dir --target "$BU_WORK/pool" >/dev/null
  "${v[@]}" pool-build "$pool" >/dev/null
  "${v[@]}" pool-start "$pool" >/dev/null
  for ((i = 1; i <= n; i++)); do
    local g=g$i s="$BU_WORK/seq/g$i"
    mkdir -p "$s"
    printf '<volume><name>%s.qcow2</name><capacity unit="G">1</capacity><target><format type="qcow2"/><compat>1.1</compat></target><backingStore><path>%s</path><format type="qcow2"/></backingStore></volume>\n' \
      "$g" "$BU_BASE" > "$s/vol.xml"
    "${v[@]}" vol-create "$pool" "$s/vol.xml" >/dev/null
    printf 'instance-id: %s\nlocal-hostname: %s\n' "$g" "$g" > "$s/meta-data"
    printf '#cloud-config\nhostname: %s\nfqdn: %s.bench.test\ndisable_root: false\nssh_authorized_keys:\n  - %s\n' \
      "$g" "$g" "$BU_KEY" > "$s/user-data"
    printf 'version: 2\nethernets:\n  nic0:\n    match: {macaddress: "%s"}\n    dhcp4: true\n  nic1:\n    match: {macaddress: "%s"}\n    dhcp4: true\n' \
      "$(nat_mac "$i")" "$(iso_mac "$i")" > "$s/network-config"
    xorriso -as genisoimage -quiet -output "$s/seed.iso" -volid cidata -joliet -rock \
      "$s/user-data" "$s/meta-data" "$s/network-config" 2>/dev/null
    "${v[@]}" vol-create-as "$pool" "$g-seed.iso" "$(stat -c %s "$s/seed.iso")" --format raw >/dev/null
    "${v[@]}" vol-upload --pool "$pool" "$g-seed.iso" "$s/seed.iso"
    virt-install -q --connect "$BU_URI" --name "$g" --memory "$BU_MEMORY" --vcpus 1 --virt-type qemu \
      --osinfo generic --import --noautoconsole --graphics none \
      --boot "kernel=$BU_KERNEL,initrd=$BU_INITRD,kernel_args=$BU_CMDLINE" \
      --disk "vol=$pool/$g.qcow2,bus=virtio" --disk "vol=$pool/$g-seed.iso,bus=virtio,readonly=on" \
      --network "network=$nat_net,mac=$(nat_mac "$i"),model=virtio" \
      --network "network=$iso_net,mac=$(iso_mac "$i"),model=virtio" >/dev/null
  done
  # The poll: every reservation leased, then each guest's port 22 answering with a banner.
  local deadline=$((SECONDS + BU_TIMEOUT)) leases ready
  while :; do
    leases=$("${v[@]}" net-dhcp-leases "$nat_net"; "${v[@]}" net-dhcp-leases "$iso_net")
    ready=0
    for ((i = 1; i <= n; i++)); do
      grep -q "$(nat_mac "$i") .*$(nat_ip "$i")/" <<< "$leases" || continue
      grep -q "$(iso_mac "$i") .*$(iso_ip "$i")/" <<< "$leases" || continue
      # shellcheck disable=SC2016  # expanded by the inner bash
      [ "$(timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/22" && head -c 4 <&3' sh "$(nat_ip "$i")" 2>/dev/null)" = SSH- ] \
        || continue
      ready=$((ready + 1))
    done
    [ "$ready" -eq "$n" ] && return 0
    [ "$SECONDS" -lt "$deadline" ] || { echo "sequential: $ready of $n guests ready after ${BU_TIMEOUT}s" >&2; return 1; }
    sleep 1
  done
}
if [ "${1:-}" = --sequential ]; then
  sequential "$2"
  exit
fi

debian=yes
if [ "${1:-}" = --no-debian ]; then debian=; shift; fi
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 4 8)

for tool in virsh virt-install qemu-img xorriso cpio gzip ssh-keygen libvirtd; do
  command -v "$tool" >/dev/null || { echo "bench/up.sh: needs $tool (the packages of .ci/run)" >&2; exit 2; }
done

# ---- the minimal guest: the Debian test image's kernel and a tiny initramfs (src/test/sh/minimal-guest.bash,
# which builds the image and the initramfs into their caches when missing)
image_dir=${MINIASCAPE_TEST_IMAGE_CACHE:-$HOME/.cache/miniascape-test}/debian-12
{ read -r image_kernel; read -r initramfs; } < <("$here/src/test/sh/minimal-guest.bash")
[ -f "$initramfs" ] || { echo "bench/up.sh: src/test/sh/minimal-guest.bash failed" >&2; exit 1; }
work=$(mktemp -d /tmp/mia-bench-up.XXXXXX)
# shellcheck source=bench/sandbox.bash
. "$here/bench/sandbox.bash"
# Copies, so that a rebuild of the shared cache while this runs takes nothing from under the guests.
cp "$image_kernel" "$image_dir/initrd.img" "$work/"
cp "$initramfs" "$work/initramfs.cpio.gz"
kernel=$work/vmlinuz
ns="mia-bench-up-$$"
daemon=
uri=

# Everything of the sandbox goes through its own daemon: its domains, networks and pools are all ours.
teardown() {
  sandbox_clear "$uri"
  rm -rf "$work/pool" "$work/seq"
}

cleanup() {
  set +e
  if [ -n "$daemon" ] && kill -0 "$daemon" 2>/dev/null; then
    teardown
  fi
  sandbox_stop "$daemon" "$ns"
  rm -rf "$work"
}
trap cleanup EXIT

echo "minimal guest: $image_kernel + $initramfs ($(du -k "$initramfs" | cut -f1) KiB)"
initramfs=$work/initramfs.cpio.gz

"$here/miniascape" --version >/dev/null   # builds the jar and its class-data archive first
qemu-img create -q -f qcow2 -o compat=1.1 "$work/base.qcow2" 64M
ssh-keygen -q -t ed25519 -N '' -C bench@up -f "$work/id_ed25519"

# ---- a private libvirtd (bench/sandbox.bash)
sandbox_start "$work/libvirtd" "$ns"
daemon=$sandbox_pid
uri=$sandbox_uri

gen_site() { # gen_site N KERNEL INITRD CMDLINE BASE MEMORY
  local n=$1 i
  cat <<EOF
site: benchup
domain: bench.test
storage_pools:
  - {name: $pool, type: dir, path: "$work/pool"}
networks:
  - {name: $nat_net, mode: nat, bridge: ${nat_net}0, cidr: 198.51.100.0/24, dhcp: {start: 198.51.100.200, end: 198.51.100.250}}
  - {name: $iso_net, mode: isolated, bridge: ${iso_net}0, cidr: 203.0.113.0/24, dhcp: {start: 203.0.113.200, end: 203.0.113.250}}
guests:
EOF
  for ((i = 1; i <= n; i++)); do
    cat <<EOF
  - name: g$i
    memory: $6
    virt_type: qemu
    boot: {kernel: "$2", initrd: "$3", cmdline: "$4"}
    disks: [{pool: $pool, size: 1}]
    install: {method: cloud-init, image: "$5"}
    ssh_authorized_keys: ["$(cat "$work/id_ed25519.pub")"]
    interfaces:
      - {network: $nat_net, mac: "$(nat_mac "$i")", ip: $(nat_ip "$i")}
      - {network: $iso_net, mac: "$(iso_mac "$i")", ip: $(iso_ip "$i")}
EOF
  done
}

# The result's summary line, from up's JSON document.
summary() {
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print((d.get("result") or {}).get("summary") or d.get("error"))' "$1"
}

# Where up's time went, from its JSON result: per kind of action, how many, the mean and longest of their times,
# and when the first began and the last ended (seconds from the start of the run); then the failures.
profile() {
  python3 - "$1" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
actions = (doc.get("result") or {}).get("actions") or []
kinds = {}
for a in actions:
    if a["status"] in ("done", "failed"):
        kinds.setdefault(a["id"].split("/")[0], []).append(a)
parts = []
for kind, runs in kinds.items():
    ms = [a["millis"] for a in runs]
    first = min(a["started_at"] for a in runs) / 1000
    last = max(a["started_at"] + a["millis"] for a in runs) / 1000
    parts.append("%s %d× mean %.1f s max %.1f s [%.1f–%.1f s]" % (kind, len(runs), sum(ms) / len(ms) / 1000,
                                                                   max(ms) / 1000, first, last))
print("    where up's time went: " + "; ".join(parts))
for a in actions:
    if a["status"] == "failed":
        print("    FAILED %s: %s" % (a["id"], a["error"]))
PY
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# run_pair LABEL N KERNEL INITRD CMDLINE BASE MEMORY TIMEOUT_S: the sequential script, then miniascape up
run_pair() {
  local label=$1 n=$2 rc=0 t0 t1 seq_wall mia_wall real user sys
  gen_site "$n" "$3" "$4" "$5" "$6" "$7" > "$work/site.yml"
  t0=$(now)
  BU_URI=$uri BU_WORK=$work BU_KERNEL=$3 BU_INITRD=$4 BU_CMDLINE=$5 BU_BASE=$6 BU_MEMORY=$7 BU_TIMEOUT=$8 \
    BU_KEY=$(cat "$work/id_ed25519.pub") ip netns exec "$ns" "$here/bench/up.sh" --sequential "$n" \
    > "$work/seq.out" 2>&1 || rc=$?
  t1=$(now)
  seq_wall=$(elapsed "$t0" "$t1")
  if [ -n "${BENCH_UP_LOGS:-}" ]; then
    mkdir -p "$BENCH_UP_LOGS/$n"; virsh -q -c "$uri" dumpxml g1 > "$BENCH_UP_LOGS/$n/seq-g1.xml" || :
  fi
  teardown
  if [ "$rc" -ne 0 ]; then echo "$label: the sequential script failed (exit $rc):"; tail -20 "$work/seq.out"; return 1; fi

  local TIMEFORMAT='%R %U %S'
  # shellcheck disable=SC2086  # BENCH_UP_ARGS: words of their own
  { time ip netns exec "$ns" "$here/miniascape" up -C "$work/site.yml" --connect "$uri" --timeout "$8s" \
      -o json ${BENCH_UP_ARGS:-} > "$work/up.out" 2> "$work/up.err" || rc=$?; } 2> "$work/up.time"
  read -r real user sys < "$work/up.time"
  mia_wall=$(awk -v r="$real" 'BEGIN { printf "%.1f", r }')
  if [ -n "${BENCH_UP_LOGS:-}" ]; then
    cp "$work"/{seq.out,up.out,up.err,site.yml} "$d"/log/qemu/*.log "$BENCH_UP_LOGS/$n/"
    virsh -q -c "$uri" dumpxml g1 > "$BENCH_UP_LOGS/$n/mia-g1.xml" || :
  fi
  if [ "$rc" -ne 0 ]; then
    echo "$label: sequential script $seq_wall s; miniascape up failed (exit $rc) after $mia_wall s:"
    profile "$work/up.out"; tail -n 5 "$work/up.err"
    teardown
    return 1
  fi
  ip netns exec "$ns" "$here/miniascape" down --yes -C "$work/site.yml" --connect "$uri" > "$work/down.out" 2>&1 \
    || { echo "$label: miniascape down failed:"; tail -5 "$work/down.out"; }
  teardown
  profile "$work/up.out"
  awk -v l="$label" -v s="$seq_wall" -v m="$mia_wall" -v u="$user" -v y="$sys" -v last="$(summary "$work/up.out")" 'BEGIN {
    printf "%s: sequential script %.1f s, miniascape up %.1f s, %.2fx; miniascape CPU %.2f s (user %.2f, sys %.2f) = %.1f %% of its wall   [%s]\n",
      l, s, m, s / m, u + y, u, y, 100 * (u + y) / m, last }'
}

echo "targets: at 8 guests >= 3x faster than the sequential script; miniascape CPU <= 5 % of its wall"
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; $(date -u +%Y-%m-%d)"
cmdline="console=ttyS0 quiet"
for n in "${counts[@]}"; do
  run_pair "minimal guest, N=$n" "$n" "$kernel" "$initramfs" "$cmdline" "$work/base.qcow2" 128 600 || true
done

if [ -z "$debian" ]; then
  echo "Debian 12 image, N=2: skipped (--no-debian)"
elif [ ! -f "$image_dir/debian-12.qcow2" ]; then
  echo "Debian 12 image, N=2: skipped (no $image_dir/debian-12.qcow2)"
else
  cp --sparse=always "$image_dir/debian-12.qcow2" "$work/debian-12.qcow2"
  run_pair "Debian 12 image, N=2" 2 "$kernel" "$work/initrd.img" "root=/dev/vda rw console=ttyS0" \
    "$work/debian-12.qcow2" 512 1200 || true
fi
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
