#!/usr/bin/env bash
# Benchmark of `miniascape repack` on a 2 GiB sparse qcow2 chain (base + delta):
#  - copy throughput of our sparse copy against `cp --sparse=always` of the same files, same run, warm cache
#    (target >= 90 %); both up to the data being on disk (cp + sync FILES; fsync in Java); ours is timed inside
#    the JVM (bench/SparseCopyBench.java), so JVM start is not counted, JNA loading and JIT warm-up are;
#  - wall time of the whole repack command (JVM start, copy, qemu-img rebase, SHA-256 of the bundle);
#  - the bundle's size on disk against the images' allocated size (target <= 101 %).
# Prints figures; asserts nothing. Usage: bench/repack.sh [RUNS] (default 5; best of each is used, as the
# machine's other load makes single runs noisy). Runs in $TMPDIR (default /var/tmp): a disk, not tmpfs.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
work=$(mktemp -d "${TMPDIR:-/var/tmp}/miniascape-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$here/miniascape" --version >/dev/null   # builds the jar first
cp_path="$here/target/miniascape.jar:$here/target/lib/*"
# Compiled ahead: the source launcher would compile it in the timed JVM, whose JIT threads then compete with
# the copy for the two cores.
mkdir -p "$work/classes"
javac -nowarn -cp "$cp_path" -d "$work/classes" "$here/bench/SparseCopyBench.java"

# The chain: a 2 GiB base with 512 MiB of data in 8 runs, a delta with 128 MiB of its own.
src="$work/src"; mkdir -p "$src"
qemu-img create -q -f qcow2 -o compat=1.1 "$src/base.qcow2" 2G
for i in 0 1 2 3 4 5 6 7; do
  qemu-io -f qcow2 -c "write -P $((i + 1)) $((i * 256))M 64M" "$src/base.qcow2" >/dev/null
done
qemu-img create -q -f qcow2 -b base.qcow2 -F qcow2 "$src/delta.qcow2"
for i in 0 1; do
  qemu-io -f qcow2 -c "write -P $((i + 0x40)) $((i * 1024 + 128))M 64M" "$src/delta.qcow2" >/dev/null
done
cat > "$work/bench.xml" <<XML
<domain type='kvm'><name>bench</name><memory unit='MiB'>512</memory><os><type arch='x86_64'>hvm</type></os>
<devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='$src/delta.qcow2'/>
<target dev='vda' bus='virtio'/></disk></devices></domain>
XML

allocated() { du -B1 -c "$@" | tail -1 | cut -f1; }
src_alloc=$(allocated "$src/base.qcow2" "$src/delta.qcow2")
src_virtual=$(( $(stat -c %s "$src/base.qcow2") + $(stat -c %s "$src/delta.qcow2") ))

best_cp=999999; best_ours=999999; best_warm=999999; best_repack=999999
for ((i = 0; i < runs; i++)); do
  rm -rf "$work/cp" "$work/ours" "$work/w"; mkdir -p "$work/cp" "$work/ours"
  t0=$(date +%s.%N)
  cp --sparse=always "$src/base.qcow2" "$src/delta.qcow2" "$work/cp/"
  sync "$work/cp/base.qcow2" "$work/cp/delta.qcow2"
  t_cp=$(echo "$(date +%s.%N) - $t0" | bc -l)
  read -r t_ours t_warm < <(java -cp "$work/classes:$cp_path" SparseCopyBench "$work/ours" "$src/base.qcow2" \
    "$src/delta.qcow2")
  t0=$(date +%s.%N)
  "$here/miniascape" repack "$work/bench.xml" -w "$work/w" >/dev/null
  t_repack=$(echo "$(date +%s.%N) - $t0" | bc -l)
  best_cp=$(echo "if ($t_cp < $best_cp) $t_cp else $best_cp" | bc -l)
  best_ours=$(echo "if ($t_ours < $best_ours) $t_ours else $best_ours" | bc -l)
  best_warm=$(echo "if ($t_warm < $best_warm) $t_warm else $best_warm" | bc -l)
  best_repack=$(echo "if ($t_repack < $best_repack) $t_repack else $best_repack" | bc -l)
done
cmp "$src/base.qcow2" "$work/ours/cold/base.qcow2" && cmp "$src/delta.qcow2" "$work/ours/warm/delta.qcow2"

mib=$(echo "$src_alloc / 1048576" | bc -l)
bundle_images=$(allocated "$work/w/vm-bench-0.1/images/base.qcow2" "$work/w/vm-bench-0.1/images/delta.qcow2")
bundle_total=$(allocated "$work/w/vm-bench-0.1")
cp_alloc=$(allocated "$work/cp/base.qcow2" "$work/cp/delta.qcow2")

echo "repack benchmark: 2 GiB sparse qcow2 chain (base + delta), best of $runs runs, $(nproc) cores"
printf '  source images: %.0f MiB allocated, %.0f MiB file size\n' "$mib" "$(echo "$src_virtual / 1048576" | bc -l)"
printf '  cp --sparse=always  %6.3f s  %7.1f MiB/s (allocated data)\n' "$best_cp" "$(echo "$mib / $best_cp" | bc -l)"
printf '  SparseCopy, new JVM %6.3f s  %7.1f MiB/s  = %5.1f %% of cp (target >= 90 %%)\n' "$best_ours" \
  "$(echo "$mib / $best_ours" | bc -l)" "$(echo "100 * $best_cp / $best_ours" | bc -l)"
printf '  SparseCopy, warm    %6.3f s  %7.1f MiB/s  = %5.1f %% of cp\n' "$best_warm" \
  "$(echo "$mib / $best_warm" | bc -l)" "$(echo "100 * $best_cp / $best_warm" | bc -l)"
printf '  whole repack        %6.3f s  (JVM start, copy, rebase, SHA-256 of every file)\n' "$best_repack"
printf '  bundle images on disk %.1f MiB = %5.1f %% of the source allocation (target <= 101 %%); cp: %5.1f %%\n' \
  "$(echo "$bundle_images / 1048576" | bc -l)" "$(echo "100 * $bundle_images / $src_alloc" | bc -l)" \
  "$(echo "100 * $cp_alloc / $src_alloc" | bc -l)"
printf '  whole bundle dir on disk %.1f MiB = %5.1f %%\n' "$(echo "$bundle_total / 1048576" | bc -l)" \
  "$(echo "100 * $bundle_total / $src_alloc" | bc -l)"
