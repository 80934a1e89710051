#!/usr/bin/env bash
# The minimal guest of the benchmarks and of the multi-host readiness test: the Debian test image's kernel
# (~/.cache/miniascape-test/debian-12, built by src/test/sh/debian-image.sh when missing) booted by direct kernel
# boot with an initramfs built here (cached in ~/.cache/miniascape-bench, rebuilt when its recipe changes):
# busybox-static, the kernel's virtio_pci and virtio_net modules, and an /init that runs udhcpc on every NIC and
# answers on TCP 22 with `SSH-2.0-minimal` (what an SSH server sends first). No disk is read.
# Prints two lines: the kernel, then the initramfs (absolute paths). Progress goes to stderr.
# Usage: src/test/sh/minimal-guest.bash   (MINIASCAPE_TEST_IMAGE_CACHE, MINIASCAPE_BENCH_CACHE: other caches)
# Needs: cpio, gzip, a static busybox (Debian's busybox-static); as root when the Debian image must be built.
set -euo pipefail
here=$(cd "$(dirname "$0")/../../.." && pwd)

busybox=$(command -v busybox || true)
if [ -z "$busybox" ] || ! file -L "$busybox" | grep -q 'statically linked'; then
  echo "minimal-guest: needs a static busybox (Debian's busybox-static)" >&2
  exit 2
fi
for tool in cpio gzip; do
  command -v "$tool" >/dev/null || { echo "minimal-guest: needs $tool" >&2; exit 2; }
done

# ---- the Debian test image's kernel (and initrd, whose modules the tiny initramfs takes)
image_dir=${MINIASCAPE_TEST_IMAGE_CACHE:-$HOME/.cache/miniascape-test}/debian-12
if [ ! -f "$image_dir/vmlinuz" ] || [ ! -f "$image_dir/initrd.img" ]; then
  echo "minimal-guest: building the Debian test image into $image_dir (src/test/sh/debian-image.sh, a few" \
    "minutes) ..." >&2
  "$here/src/test/sh/debian-image.sh" "$image_dir" >&2
fi

cache=${MINIASCAPE_BENCH_CACHE:-$HOME/.cache/miniascape-bench}
mkdir -p "$cache"
# One build at a time per cache (a bench and a test may ask at once); the second finds the first's initramfs.
exec 9>"$cache/.minimal-guest.lock"
flock 9

# shellcheck disable=SC2016  # the guest's scripts, expanded there
init_script='#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for m in $(cat /etc/modules.load); do insmod "/lib/modules/$m" || echo "bench-init: insmod $m failed"; done
for i in $(seq 50); do [ "$(ls /sys/class/net | grep -cv "^lo$")" -gt 0 ] && break; sleep 0.1; done
ip link set lo up
for p in /sys/class/net/*; do
  n=${p##*/}
  [ "$n" = lo ] && continue
  ip link set "$n" up
  udhcpc -i "$n" -f -s /etc/udhcpc.script -t 10 -T 1 -A 2 &
done
nc -ll -p 22 -e /bin/ssh-banner &
echo "bench-init: udhcpc on $(ls /sys/class/net | grep -v "^lo$" | tr "\n" " ")and SSH-2.0-minimal on port 22"
while :; do sleep 3600; done
'
# shellcheck disable=SC2016
udhcpc_script='#!/bin/sh
case "$1" in
  deconfig) ip addr flush dev "$interface" ;;
  bound|renew) ifconfig "$interface" "$ip" netmask "$subnet" up && echo "bench-init: $interface $ip" ;;
esac
'
banner_script='#!/bin/sh
printf "SSH-2.0-minimal\r\n"
'
key=$({ printf 'virtio_pci virtio_net %s' "$init_script$udhcpc_script$banner_script"; sha256sum < "$busybox" "$image_dir/initrd.img"; } \
  | sha256sum | cut -c1-16)
initramfs=$cache/initramfs-$key.cpio.gz
if [ ! -f "$initramfs" ]; then
  echo "minimal-guest: building the initramfs $initramfs ..." >&2
  work=$(mktemp -d /tmp/mia-minimal-guest.XXXXXX)
  trap 'rm -rf "$work"' EXIT
  u=$work/unpacked r=$work/initramfs
  mkdir -p "$u" "$r"/{bin,dev,etc,lib/modules,proc,sys,run,tmp}
  # The Debian initrd: unmkinitramfs where initramfs-tools-core is installed, else cpio of its compression.
  if command -v unmkinitramfs >/dev/null; then
    unmkinitramfs "$image_dir/initrd.img" "$u"
  else
    case $(od -An -tx1 -N4 "$image_dir/initrd.img" | tr -d ' ') in
      1f8b*) decompress=(gzip -dc) ;;
      28b52ffd) decompress=(zstd -dc) ;;
      fd377a58) decompress=(xz -dc) ;;
      *) decompress=(cat) ;;
    esac
    (cd "$u" && "${decompress[@]}" "$image_dir/initrd.img" | cpio -id --quiet 2>/dev/null)
  fi
  dep=$(find "$u" -path '*/lib/modules/*/modules.dep' | head -1)
  [ -n "$dep" ] || { echo "minimal-guest: no modules.dep in $image_dir/initrd.img" >&2; exit 1; }
  mods=${dep%/modules.dep}
  # Each wanted module after its dependencies (modules.dep, resolved recursively), unless built in.
  order=()
  add_module() { # add_module PATH (relative to the modules directory, as modules.dep names it)
    local m=$1 d deps
    case " ${order[*]} " in *" $m "*) return ;; esac
    read -ra deps <<< "$(awk -v m="$m:" '$1 == m { $1 = ""; print }' "$dep")"
    for d in "${deps[@]}"; do add_module "$d"; done
    order+=("$m")
  }
  for name in virtio_pci virtio_net; do
    path=$(awk -F: -v n="/$name.ko" 'index($1, n) && substr($1, length($1) - length(n) + 1) == n { print $1 }' "$dep" \
      | head -1)
    if [ -n "$path" ]; then
      add_module "$path"
    elif grep -q "/$name.ko\$" "$mods/modules.builtin"; then
      echo "  $name: built into the kernel" >&2
    else
      echo "minimal-guest: $name is neither a module in $image_dir/initrd.img nor built in" >&2
      exit 1
    fi
  done
  for m in "${order[@]}"; do
    mkdir -p "$r/lib/modules/$(dirname "$m")"
    case $m in
      *.ko) cp "$mods/$m" "$r/lib/modules/$m" ;;
      *) echo "minimal-guest: compressed module $m: not handled" >&2; exit 1 ;;
    esac
  done
  printf '%s\n' "${order[@]}" > "$r/etc/modules.load"
  echo "  modules: ${order[*]##*/}" >&2
  cp "$busybox" "$r/bin/busybox"
  for a in $("$busybox" --list); do [ "$a" = busybox ] || ln -s busybox "$r/bin/$a"; done
  printf '%s' "$init_script" > "$r/init"
  printf '%s' "$udhcpc_script" > "$r/etc/udhcpc.script"
  printf '%s' "$banner_script" > "$r/bin/ssh-banner"
  chmod 0755 "$r/init" "$r/etc/udhcpc.script" "$r/bin/ssh-banner"
  (cd "$r" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0 | gzip -9) > "$initramfs.tmp"
  rm -f "$cache"/initramfs-*.cpio.gz
  mv "$initramfs.tmp" "$initramfs"
fi
echo "$image_dir/vmlinuz"
echo "$initramfs"
