#!/usr/bin/env bash
# Benchmark of applying a site to libvirt, against a private libvirtd started here in its own network namespace
# (the recipe of the integration tests; needs root and the packages of .ci/run). Site: 3 networks with 200 DHCP
# reservations (and DNS names) in the documentation ranges. Prints the wall time of:
#   1. `up` on an empty host, 2. `up` again (nothing to change), 3. `net update` of one changed reservation.
# Each includes the JVM start of the launcher; beside them, measured in the same run: `miniascape --version` (the
# launcher's and JVM's start) and the same reservation change by hand with one virsh process.
# Targets (docs/development.md): no-change `up` <= 1 s, one live change <= 0.5 s.
# Asserts nothing. Usage: bench/apply.sh [RUNS]   (default 3; best and median of steps 2 and 3 are printed)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
work=$(mktemp -d /tmp/mia-bench.XXXXXX)
# shellcheck source=bench/sandbox.bash
. "$here/bench/sandbox.bash"
ns="mia-bench-$$"
daemon=

cleanup() {
  set +e
  if [ -n "$daemon" ] && kill -0 "$daemon" 2>/dev/null; then
    "$here/miniascape" down --yes -C "$work/site.yml" --connect "$uri" >/dev/null 2>&1
  fi
  sandbox_stop "$daemon" "$ns"
  rm -rf "$work"
}
trap cleanup EXIT

"$here/miniascape" --version >/dev/null   # builds the jar and its class-data archive first

# ---- the site: 70 + 70 + 60 reservations
gen_site() { # gen_site FILE IP_OF_LAST_HOST
  {
    echo "site: bench"
    echo "domain: bench.test"
    echo "networks:"
    local n=0
    for spec in "b0 198.51.100.0/25 198.51.100 10 70" "b1 198.51.100.128/25 198.51.100 138 70" \
                "b2 203.0.113.0/24 203.0.113 10 60"; do
      read -r name cidr prefix first count <<< "$spec"
      echo "  - name: mia-$name"
      echo "    mode: isolated"
      echo "    bridge: mia-$name"
      echo "    cidr: $cidr"
      echo "    hosts:"
      for ((i = 0; i < count; i++)); do
        local ip="$prefix.$((first + i))"
        if [ "$name" = b2 ] && [ "$i" = $((count - 1)) ]; then ip=$2; fi
        printf '      - {name: h%d, mac: "52:54:00:be:%02x:%02x", ip: %s}\n' "$n" $((n / 256)) $((n % 256)) "$ip"
        n=$((n + 1))
      done
    done
  } > "$1"
}
gen_site "$work/site.yml" 203.0.113.69
gen_site "$work/site2.yml" 203.0.113.99

# ---- a private libvirtd (bench/sandbox.bash)
d="$work/libvirtd"
sandbox_start "$d" "$ns"
daemon=$sandbox_pid
uri=$sandbox_uri

# The line naming the site and the URI (stderr) is left out of the figures.
mia() { ip netns exec "$ns" "$here/miniascape" "$@" --connect "$uri" 2>>"$work/stderr.txt"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
stats() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "best %.3f s, median %.3f s", v[1], v[int((NR + 1) / 2)] }'; }

t0=$(now); mia up -C "$work/site.yml" > "$work/up1.txt"; t1=$(now)
echo "up, empty host (3 networks, 200 reservations): $(elapsed "$t0" "$t1") s   [$(tail -1 "$work/up1.txt")]"

# The same change by hand, in one virsh process: the last host's DHCP entry modified, its DNS entry replaced,
# live and in the persistent definition (what net update does).
by_hand() { # by_hand FROM_IP TO_IP
  local dns="<hostname>h199</hostname></host>"
  ip netns exec "$ns" virsh -q -c "$uri" "net-update mia-b2 modify ip-dhcp-host \"<host mac='52:54:00:be:00:c7' \
ip='$2' name='h199'/>\" --live --config; net-update mia-b2 delete dns-host \"<host ip='$1'>$dns\" --live --config; \
net-update mia-b2 add dns-host \"<host ip='$2'>$dns\" --live --config" > /dev/null
}

again=() update=() virsh=() start=()
for ((r = 0; r < runs; r++)); do
  t0=$(now); "$here/miniascape" --version > /dev/null; t1=$(now); start+=("$(elapsed "$t0" "$t1")")
  t0=$(now); mia up -C "$work/site.yml" > "$work/up2.txt"; t1=$(now)
  again+=("$(elapsed "$t0" "$t1")")
  t0=$(now); by_hand 203.0.113.69 203.0.113.99; t1=$(now); virsh+=("$(elapsed "$t0" "$t1")")
  by_hand 203.0.113.99 203.0.113.69   # back
  t0=$(now); mia net update mia-b2 -C "$work/site2.yml" > "$work/upd.txt"; t1=$(now)
  update+=("$(elapsed "$t0" "$t1")")
  mia net update mia-b2 -C "$work/site.yml" > /dev/null   # back, for the next round
done
best() { printf '%s\n' "$@" | sort -n | head -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
echo "miniascape --version (the launcher's and JVM's start, baseline): $(stats "${start[@]}")"
echo "up, nothing to change:                          $(stats "${again[@]}")   [$(tail -1 "$work/up2.txt")]"
echo "  ratio to the JVM's start (best): $(ratio "$(best "${again[@]}")" "$(best "${start[@]}")")"
echo "net update, one reservation changed live:       $(stats "${update[@]}")   [$(head -1 "$work/upd.txt")]"
echo "the same change by hand, one virsh (baseline):  $(stats "${virsh[@]}")"
echo "  ratio to virsh (best): $(ratio "$(best "${update[@]}")" "$(best "${virsh[@]}")")"
