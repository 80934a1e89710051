# A private libvirtd for the benchmarks, each in a network namespace of its own: the recipe of the integration
# tests (shared docs: libvirt-sandbox.md). Needs root and the packages of .ci/run. Sourced, not run.
#   sandbox_start DIR NS: makes namespace NS, starts libvirtd there with its whole state below DIR (its
#     /var/lib/libvirt is DIR/lib, the guests' serial logs DIR/log/qemu) and waits until it answers, QEMU's
#     capabilities probed (before any timing); sets sandbox_pid (the daemon's PID) and sandbox_uri.
#   sandbox_stop PID NS: stops that daemon by its PID, then what else runs in NS, and deletes NS.
#   sandbox_clear URI: below.

sandbox_start() {
  local d=$1 ns=$2 i
  mkdir -p "$d"/{etc,run,lib,cache,log/qemu}
  printf '%s\n' 'unix_sock_group = "root"' 'unix_sock_rw_perms = "0700"' 'auth_unix_ro = "none"' \
    'auth_unix_rw = "none"' 'log_outputs = "3:file:/var/log/libvirt/libvirtd.log"' > "$d/etc/libvirtd.conf"
  printf '%s\n' 'user = "root"' 'group = "root"' 'security_driver = "none"' 'stdio_handler = "file"' \
    > "$d/etc/qemu.conf"
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
  sandbox_pid=$!
  sandbox_uri="qemu+unix:///system?socket=$d/run/libvirt-sock"
  for ((i = 0; i < 600; i++)); do
    virsh -q -c "$sandbox_uri" version >/dev/null 2>&1 && break
    kill -0 "$sandbox_pid" 2>/dev/null || { cat "$d/daemon.out" >&2; return 1; }
    sleep 0.1
  done
  virsh -q -c "$sandbox_uri" domcapabilities --virttype qemu >/dev/null
}

sandbox_stop() {
  local daemon=$1 ns=$2 pid
  if [ -n "$daemon" ] && kill -0 "$daemon" 2>/dev/null; then
    kill -TERM "$daemon"; wait "$daemon" 2>/dev/null
  fi
  for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -TERM "$pid"; done
  sleep 0.2
  for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid"; done
  ip netns del "$ns" 2>/dev/null
}

# sandbox_clear URI: destroys and undefines every domain, network and pool (with its volumes) of a sandbox's
# daemon: all of them are the benchmark's own.
sandbox_clear() {
  local v=(virsh -q -c "$1") x vol
  for x in $("${v[@]}" list --name); do "${v[@]}" destroy "$x" >/dev/null 2>&1 || :; done
  for x in $("${v[@]}" list --all --name); do "${v[@]}" undefine "$x" >/dev/null 2>&1 || :; done
  for x in $("${v[@]}" net-list --all --name); do
    "${v[@]}" net-destroy "$x" >/dev/null 2>&1 || :; "${v[@]}" net-undefine "$x" >/dev/null 2>&1 || :
  done
  for x in $("${v[@]}" pool-list --all --name); do
    for vol in $("${v[@]}" vol-list "$x" 2>/dev/null | awk '{ print $1 }'); do
      "${v[@]}" vol-delete --pool "$x" "$vol" >/dev/null 2>&1 || :
    done
    "${v[@]}" pool-destroy "$x" >/dev/null 2>&1 || :; "${v[@]}" pool-undefine "$x" >/dev/null 2>&1 || :
  done
}
