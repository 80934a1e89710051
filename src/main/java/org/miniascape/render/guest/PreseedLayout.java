package org.miniascape.render.guest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.miniascape.model.Partitioning;
import org.miniascape.model.Partitioning.Scheme;

/**
 * partman's settings for a guest's {@code partitioning}: {@code method} lvm (schemes auto and lvm, and the default)
 * or regular (plain); a {@code filesystem} as partman's default file system, used by its recipes; a swap size (or no
 * swap) as an expert recipe of its own (/boot, /, swap; on LVM / and swap are logical volumes), since the shipped
 * recipes size swap from the memory.
 */
final class PreseedLayout {
    private PreseedLayout() {
    }

    static Map<String, Object> of(Optional<Partitioning> partitioning) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean plain = partitioning.map(p -> p.scheme() == Scheme.PLAIN).orElse(false);
        m.put("method", plain ? "regular" : "lvm");
        m.put("filesystem", partitioning.flatMap(Partitioning::filesystem).orElse(""));
        Optional<Integer> swap = partitioning.flatMap(Partitioning::swapMiB);
        m.put("recipe", swap.map(s -> recipe(partitioning.get(), s, plain)).orElse(""));
        m.put("no_swap", swap.map(s -> s == 0).orElse(false));
        return m;
    }

    /**
     * partman-auto's recipe format (debian-installer's partman-auto-recipe.txt): per item MIN PRIORITY MAX
     * FILESYSTEM and its specifiers, items ended by '.'; one line, as debconf takes the value.
     */
    static String recipe(Partitioning p, int swapMiB, boolean plain) {
        String fs = p.filesystem().orElse("ext4");
        String lvm = plain ? "" : " $lvmok{ }";
        StringBuilder sb = new StringBuilder("miniascape ::");
        sb.append(' ').append(Partitioning.BOOT_MIB).append(' ').append(Partitioning.BOOT_MIB).append(' ')
                .append(Partitioning.BOOT_MIB).append(' ').append(fs)
                .append(" $primary{ } $bootable{ } method{ format } format{ } use_filesystem{ } filesystem{ ")
                .append(fs).append(" } mountpoint{ /boot } .");
        sb.append(' ').append(Partitioning.ROOT_MIN_MIB).append(" 10000 -1 ").append(fs).append(lvm)
                .append(plain ? "" : " lv_name{ root }").append(" method{ format } format{ } use_filesystem{ }"
                + " filesystem{ ").append(fs).append(" } mountpoint{ / } .");
        if (swapMiB > 0) {
            sb.append(' ').append(swapMiB).append(' ').append(swapMiB).append(' ').append(swapMiB)
                    .append(" linux-swap").append(lvm).append(plain ? "" : " lv_name{ swap }")
                    .append(" method{ swap } format{ } .");
        }
        return sb.toString();
    }
}
