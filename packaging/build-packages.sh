#!/usr/bin/env bash
# Builds the .deb and the .rpm of miniascape from a built tree: build-packages.sh TARGET OUT VERSION
#   TARGET  a directory holding miniascape.jar, lib/*.jar, man/*.1 and man/*.5, completion/miniascape and
#           completion/_miniascape
#           (what mvn package leaves in target/)
#   OUT     where the packages go (make packages: target/packages)
#   VERSION the project's version (0.4.0-SNAPSHOT); the packages' version has the "-" as "~", lower case
#           (0.4.0~snapshot sorts before 0.4.0 in dpkg and rpm alike)
# Environment: MAINTAINER (the .deb's Maintainer and the .rpm's Packager), SIGN_KEY (a GnuPG key that signs
# the .rpm with rpmsign; GNUPGHOME names its home), SOURCE_DATE_EPOCH (the changelogs' date; default: the
# last commit's).
set -euo pipefail
if [ $# -ne 3 ]; then echo "usage: $0 TARGET OUT VERSION" >&2; exit 2; fi
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
target=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
version=$3
pkgversion=$(printf '%s' "${version/-/\~}" | tr '[:upper:]' '[:lower:]')
release=1
maintainer=${MAINTAINER:-miniascape maintainers <maintainers@users.noreply.r-seed-e3d8304d.example>}
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH=$epoch
summary="describe a libvirt/KVM lab in YAML; generate, apply and pack it"
description="miniascape reads a YAML description of a lab (networks, storage pools,
guests) and generates everything libvirt/KVM needs from it: network and
domain XML, dnsmasq configuration, kickstart, preseed and cloud-init files,
install scripts and an inventory. It applies the site to libvirt with the
smallest change, and packs guests with their disk images into bundles,
archives and RPMs."
# libvirt's library, loaded through JNA at run time (no ELF dependency the package tools could find): at least
# the version the tests run against (Debian 12's 9.0.0).
libvirt_min=9.0.0

for f in miniascape.jar completion/miniascape completion/_miniascape; do
  [ -f "$target/$f" ] || { echo "build-packages.sh: $target/$f is missing (run mvn package)" >&2; exit 2; }
done

work="$out/.work"
rm -rf "$work"
tree="$work/tree"    # the files both packages install
install -d "$tree/usr/bin" "$tree/usr/share/miniascape/lib" "$tree/usr/share/man/man1" "$tree/usr/share/man/man5" \
  "$tree/usr/share/bash-completion/completions"
install -m 0755 "$root/src/main/sh/miniascape" "$tree/usr/bin/miniascape"
install -m 0644 "$root/src/main/sh/launcher.bash" "$target/miniascape.jar" "$tree/usr/share/miniascape/"
install -m 0644 "$target"/lib/*.jar "$tree/usr/share/miniascape/lib/"
for page in "$target"/man/*.[15]; do
  name=${page##*/}
  gzip -9n < "$page" > "$tree/usr/share/man/man${name##*.}/$name.gz"
done
chmod 0644 "$tree"/usr/share/man/man?/*
# Sourced by bash-completion, not run: without picocli's "#!" line.
sed '1{/^#!/d}' "$target/completion/miniascape" > "$tree/usr/share/bash-completion/completions/miniascape"
chmod 0644 "$tree/usr/share/bash-completion/completions/miniascape"
copyright="$work/copyright"
{ cat "$root/packaging/copyright"; echo; for jar in "$target"/lib/*.jar; do echo " $(basename "$jar")"; done; } \
  > "$copyright"

# The .deb
deb="$work/deb"
cp -a "$tree" "$deb"
install -d "$deb/usr/share/doc/miniascape" "$deb/DEBIAN"
# zsh's function path: Debian's zsh reads vendor-completions, Fedora's site-functions (the .rpm's, below).
install -D -m 0644 "$target/completion/_miniascape" "$deb/usr/share/zsh/vendor-completions/_miniascape"
install -m 0644 "$copyright" "$deb/usr/share/doc/miniascape/copyright"
{
  echo "miniascape ($pkgversion-$release) unstable; urgency=medium"
  echo
  echo "  * Package of miniascape $version."
  echo
  echo " -- $maintainer  $(LC_ALL=C date -u -R -d "@$epoch")"
} | gzip -9n > "$deb/usr/share/doc/miniascape/changelog.Debian.gz"
chmod 0644 "$deb/usr/share/doc/miniascape/changelog.Debian.gz"
{
  echo "Package: miniascape"
  echo "Version: $pkgversion-$release"
  echo "Architecture: all"
  echo "Maintainer: $maintainer"
  echo "Installed-Size: $(du -sk --exclude=DEBIAN "$deb" | cut -f1)"
  echo "Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless, libvirt0 (>= $libvirt_min)"
  echo "Recommends: virtinst, dnsmasq-base, qemu-utils, xorriso"
  echo "Section: admin"
  echo "Priority: optional"
  echo "Description: $summary"
  echo " ${description//$'\n'/$'\n' }"
} > "$deb/DEBIAN/control"
(cd "$deb" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$deb/DEBIAN/md5sums"
chmod 0644 "$deb/DEBIAN/control" "$deb/DEBIAN/md5sums"
find "$deb" -exec touch -h -d "@$epoch" {} +
dpkg-deb --root-owner-group -Zxz --build "$deb" "$out/miniascape_${pkgversion}-${release}_all.deb" >/dev/null

# The .rpm: its %install copies the same tree.
rpmtop="$work/rpm"
install -d "$rpmtop/tree/usr/share/licenses/miniascape"
cp -a "$tree/." "$rpmtop/tree/"
install -m 0644 "$copyright" "$rpmtop/tree/usr/share/licenses/miniascape/copyright"
install -D -m 0644 "$target/completion/_miniascape" "$rpmtop/tree/usr/share/zsh/site-functions/_miniascape"
spec="$rpmtop/miniascape.spec"
cat > "$spec" <<SPEC
Name:           miniascape
Version:        $pkgversion
Release:        $release
Summary:        Describe a libvirt/KVM lab in YAML; generate, apply and pack it
License:        LicenseRef-AllRightsReserved
Group:          Applications/System
Packager:       $maintainer
BuildArch:      noarch
Requires:       java-headless >= 1:17
Requires:       libvirt-libs >= $libvirt_min
Recommends:     virt-install
Recommends:     dnsmasq
Recommends:     qemu-img
Recommends:     xorriso

%description
$description

%install
cp -a "$rpmtop/tree/." %{buildroot}/

%files
%license %{_datadir}/licenses/miniascape/copyright
%{_bindir}/miniascape
%{_datadir}/miniascape
%{_mandir}/man1/miniascape*.1*
%{_mandir}/man5/miniascape-site.5*
%{_datadir}/bash-completion/completions/miniascape
%{_datadir}/zsh/site-functions/_miniascape

%changelog
* $(LC_ALL=C date -u -d "@$epoch" '+%a %b %d %Y') $maintainer - $pkgversion-$release
- Package of miniascape $version.
SPEC
# No post-install scripts: the man pages are gzipped already, a noarch package has nothing to strip, and
# Debian's brp-compress fails under /bin/sh (it uses bash's read -d).
rpmbuild -bb --quiet --define "_topdir $rpmtop" --define "_rpmdir $rpmtop/out" --define "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm" \
  --define "__os_install_post %{nil}" --define "use_source_date_epoch_as_buildtime 1" --define "_buildhost localhost" "$spec" >/dev/null
rpm="$out/miniascape-${pkgversion}-${release}.noarch.rpm"
mv -f "$rpmtop/out/miniascape-${pkgversion}-${release}.noarch.rpm" "$rpm"
if [ -n "${SIGN_KEY:-}" ]; then
  # Debian's rpm names /usr/bin/gpg2, which Debian does not ship: the gpg on PATH.
  sign=(rpmsign --addsign --define "_gpg_name $SIGN_KEY" --define "__gpg $(command -v gpg)")
  if [ -n "${GNUPGHOME:-}" ]; then sign+=(--define "_gpg_path $GNUPGHOME"); fi
  "${sign[@]}" "$rpm" >/dev/null
fi
rm -rf "$work"
echo "$out/miniascape_${pkgversion}-${release}_all.deb"
echo "$rpm"
