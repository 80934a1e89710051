#!/usr/bin/env bash
# Builds the small Debian 12 cloud guest the integration tests boot (docs/development.md, "The Debian test image"):
#   OUTDIR/debian-12.qcow2   ext4 root filesystem, no partition table (root=/dev/vda), qcow2 compat 1.1
#   OUTDIR/vmlinuz           the kernel, for direct kernel boot
#   OUTDIR/initrd.img        its initramfs (virtio_pci, virtio_blk, virtio_net, ext4 checked below)
#   OUTDIR/recipe.sha256     sha256 of this script: a cache rebuilds when it changes
# From Debian's packages with mmdebstrap, without loop devices or mounts of the image (mke2fs -d). As root.
# The mirror is the one this machine's apt uses (deb.debian.org unless DEBIAN_MIRROR / DEBIAN_SECURITY_MIRROR
# say otherwise). The image has no root password, no ssh host keys and an empty machine-id: cloud-init
# (NoCloud) makes the rest at first boot; networking is netplan.io rendering to systemd-networkd, the renderer
# Debian 12's cloud images use.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "$0: must run as root (mmdebstrap's root mode, device nodes in the image)" >&2
  exit 2
fi
out=$1
script=$(readlink -f "$0")
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
size=${DEBIAN_IMAGE_SIZE:-2G}

packages=(
  linux-image-cloud-amd64 initramfs-tools systemd-sysv udev dbus
  cloud-init netplan.io systemd-resolved iproute2 openssh-server e2fsprogs
)

mkdir -p "$(dirname "$out")"
out=$(readlink -f "$out")
# One build at a time per cache (two test JVMs may ask at once); the second finds the first's image.
exec 9>"$(dirname "$out")/.debian-image.lock"
flock 9
recipe=$(sha256sum "$script" | cut -d' ' -f1)
if [ "$(cat "$out/recipe.sha256" 2>/dev/null)" = "$recipe" ] && [ -f "$out/debian-12.qcow2" ] \
    && [ -f "$out/vmlinuz" ] && [ -f "$out/initrd.img" ]; then
  echo "debian-image: $out is up to date" >&2
  exit 0
fi
work=$(mktemp -d "$(dirname "$out")/.debian-image.XXXXXX")
trap 'rm -rf "$work"' EXIT
# apt's sandbox user must reach the lists below (mktemp makes 0700).
chmod 0755 "$work"
root=$work/root
mkdir "$root"

start=$(date +%s)
export INITRD_LIST=$work/initrd.list
# setup-hook: initramfs-tools reads its configuration when the kernel's postinst builds the initramfs; its fsck
# hook takes the root's type from FSTYPE (it would probe /dev/vda, which the build has not), so the initramfs
# checks the root with e2fsck before mounting it.
# dpkgopt: no manuals, documents (but copyrights) or translations.
# customize-hook: what the image must not carry (keys, machine-id, apt lists) and what it needs
# (cloud-init's datasource and a locale the image has without locale-gen).
# The hooks' $1 is mmdebstrap's, hence single quotes.
# shellcheck disable=SC2016
mmdebstrap --variant=apt --mode=root --format=directory \
  --aptopt='Acquire::Check-Valid-Until "false"' --aptopt='APT::Install-Recommends "false"' \
  --dpkgopt='force-unsafe-io' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
  --include="$(IFS=,; echo "${packages[*]}")" \
  --setup-hook='mkdir -p "$1/etc/initramfs-tools/conf.d"' \
  --setup-hook='printf "MODULES=most\nFSTYPE=ext4\n" > "$1/etc/initramfs-tools/conf.d/miniascape"' \
  --setup-hook='printf "/dev/vda / ext4 rw,errors=remount-ro 0 1\n" > "$1/etc/fstab"' \
  --customize-hook='rm -f "$1"/etc/ssh/ssh_host_*' \
  --customize-hook=': > "$1/etc/machine-id"; rm -f "$1/var/lib/dbus/machine-id"' \
  --customize-hook='printf "localhost\n" > "$1/etc/hostname"' \
  --customize-hook='printf "datasource_list: [ NoCloud, None ]\nlocale: C.UTF-8\n" > "$1/etc/cloud/cloud.cfg.d/90-miniascape.cfg"' \
  --customize-hook='chroot "$1" sh -c "lsinitramfs /boot/initrd.img-*" > "$INITRD_LIST"' \
  --customize-hook='ln -sfn /run/systemd/resolve/stub-resolv.conf "$1/etc/resolv.conf"' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin' \
  bookworm "$root" \
  "deb $mirror bookworm main" \
  "deb $mirror bookworm-updates main" \
  "deb $security bookworm-security main"
echo "debian-image: root tree built in $(($(date +%s) - start)) s" >&2

# The kernel and its initramfs, for direct kernel boot.
kernel=$(find "$root/boot" -maxdepth 1 -name 'vmlinuz-*' | sort | tail -n 1)
initrd=$(find "$root/boot" -maxdepth 1 -name 'initrd.img-*' | sort | tail -n 1)
if [ -z "$kernel" ] || [ -z "$initrd" ]; then
  echo "$0: no kernel or initramfs in $root/boot" >&2
  exit 1
fi
version=${kernel##*/vmlinuz-}
# Each module the guest needs to find its root is either in the initramfs or built into the kernel
# (the listing is made by the chroot's lsinitramfs, in a hook above: the host need not have initramfs-tools).
for m in virtio_pci virtio_blk virtio_net ext4; do
  if ! grep -q "/$m\.ko" "$work/initrd.list" \
      && ! grep -q "/$m\.ko" "$root/lib/modules/$version/modules.builtin"; then
    echo "$0: $m is neither in $initrd nor built into $version" >&2
    exit 1
  fi
done
if ! grep -q 'sbin/fsck.ext4$' "$work/initrd.list"; then
  echo "$0: $initrd has no fsck.ext4 for the root in fstab" >&2
  exit 1
fi
cp "$kernel" "$work/vmlinuz"
cp "$initrd" "$work/initrd.img"

# No loop device, no mount: mke2fs copies the tree into the filesystem image itself.
mke2fs -q -t ext4 -d "$root" -L root -E root_owner=0:0 "$work/image.raw" "$size"
qemu-img convert -f raw -O qcow2 -o compat=1.1 "$work/image.raw" "$work/debian-12.qcow2"
rm -f "$work/image.raw"
rm -rf "$root" "$work/initrd.list"
echo "$recipe" > "$work/recipe.sha256"

# Into place in one rename: a cache never sees a half-built image.
if [ -e "$out" ]; then
  old=$(mktemp -d "$(dirname "$out")/.debian-image-old.XXXXXX")
  mv "$out" "$old/"
  mv "$work" "$out"
  rm -rf "$old"
else
  mv "$work" "$out"
fi
trap - EXIT
echo "debian-image: $out ($(du -sh "$out" | cut -f1)) in $(($(date +%s) - start)) s" >&2
