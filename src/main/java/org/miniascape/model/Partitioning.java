package org.miniascape.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The disk layout an installer (kickstart, preseed) makes on the guest's first disk ({@code partitioning:}):
 * the {@code scheme}, the root (and /boot) {@code filesystem} (empty: the installer's default), and the swap size
 * in MiB ({@code swapMiB}; 0: no swap; empty: the installer's recommended size). Images (cloud-init, import) have
 * their own layout and take none. {@code origin} for the positions of its keys.
 */
public record Partitioning(Scheme scheme, Optional<String> filesystem, Optional<Integer> swapMiB, Origin origin) {

    /** The file systems a root may be made with ({@code filesystem}); which release has which: validate. */
    public static final List<String> FILESYSTEMS = List.of("xfs", "ext4", "ext3", "ext2");
    /** The size of the /boot partition of an explicit layout (MiB): what RHEL 8 and later make. */
    public static final int BOOT_MIB = 1024;
    /** The least a root file system gets in an explicit layout (MiB), for the check that swap fits the disk. */
    public static final int ROOT_MIN_MIB = 2048;

    /**
     * {@code auto}: the installer's own default (kickstart's autopart without --type; for preseed LVM, as d-i's
     * guided "entire disk and set up LVM"); {@code lvm}: /boot and LVM volumes (the default without
     * {@code partitioning}); {@code plain}: /boot, swap and / as partitions, no LVM.
     */
    public enum Scheme {
        AUTO, LVM, PLAIN;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static List<String> keys() {
            return java.util.Arrays.stream(values()).map(Scheme::key).toList();
        }
    }
}
