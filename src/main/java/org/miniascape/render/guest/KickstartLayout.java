package org.miniascape.render.guest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miniascape.model.Partitioning;
import org.miniascape.model.Partitioning.Scheme;

/**
 * The partitioning lines of ks.cfg (after {@code clearpart} and {@code bootloader}) for a guest's
 * {@code partitioning}, in its release's syntax: {@code autopart} with {@code --type}, {@code --fstype} and
 * {@code --noswap} where the release has what is asked, else an explicit layout that every release reads:
 * {@code reqpart} (where it exists), /boot, then swap and / as partitions (plain) or as logical volumes of one
 * volume group (lvm, auto). Without {@code partitioning}: LVM autopart, as before it existed.
 */
final class KickstartLayout {
    /** The volume group of an explicit LVM layout. */
    static final String VOLUME_GROUP = "vg0";

    private KickstartLayout() {
    }

    static List<String> of(Optional<Partitioning> partitioning, KickstartRelease release) {
        boolean hasType = release.has(KickstartRelease.Feature.AUTOPART_TYPE);
        if (partitioning.isEmpty()) {
            // LVM: the only layout before autopart had --type.
            return List.of(hasType ? "autopart --type=lvm" : "autopart");
        }
        Partitioning p = partitioning.get();
        Scheme scheme = p.scheme();
        boolean typeOk = scheme == Scheme.AUTO || scheme == Scheme.LVM || hasType;
        boolean fsOk = p.filesystem().isEmpty() || release.has(KickstartRelease.Feature.AUTOPART_FSTYPE);
        boolean swapOk = p.swapMiB().isEmpty()
                || p.swapMiB().get() == 0 && release.has(KickstartRelease.Feature.AUTOPART_NOSWAP);
        if (typeOk && fsOk && swapOk) {
            StringBuilder sb = new StringBuilder("autopart");
            if (scheme != Scheme.AUTO && hasType) {
                sb.append(" --type=").append(scheme.key());
            }
            p.filesystem().ifPresent(fs -> sb.append(" --fstype=").append(fs));
            if (p.swapMiB().isPresent()) {
                sb.append(" --noswap");
            }
            return List.of(sb.toString());
        }
        return explicit(p, release);
    }

    private static List<String> explicit(Partitioning p, KickstartRelease release) {
        String fs = p.filesystem().orElse(release.defaultFilesystem());
        String swap = p.swapMiB().map(s -> "--size=" + s).orElse("--recommended");
        boolean withSwap = p.swapMiB().map(s -> s > 0).orElse(true);
        List<String> lines = new ArrayList<>();
        lines.add("# " + why(p, release));
        if (release.has(KickstartRelease.Feature.REQPART)) {
            lines.add("reqpart");
        }
        lines.add("part /boot --fstype=" + fs + " --size=" + Partitioning.BOOT_MIB);
        if (p.scheme() == Scheme.PLAIN) {
            if (withSwap) {
                lines.add("part swap --fstype=swap " + swap);
            }
            lines.add("part / --fstype=" + fs + " --size=1 --grow");
        } else {
            lines.add("part pv.01 --size=1 --grow");
            lines.add("volgroup " + VOLUME_GROUP + " pv.01");
            if (withSwap) {
                lines.add("logvol swap --vgname=" + VOLUME_GROUP + " --name=swap --fstype=swap " + swap);
            }
            lines.add("logvol / --vgname=" + VOLUME_GROUP + " --name=root --fstype=" + fs + " --size=1 --grow");
        }
        return lines;
    }

    /** The comment that says why autopart could not be used. */
    private static String why(Partitioning p, KickstartRelease release) {
        String v = release.pykickstartVersion();
        if (p.swapMiB().isPresent() && p.swapMiB().get() > 0) {
            return "partitioning.swap " + p.swapMiB().get() + " MiB: autopart takes no swap size, so the layout is"
                    + " explicit";
        }
        if (p.swapMiB().isPresent() && !release.has(KickstartRelease.Feature.AUTOPART_NOSWAP)) {
            return v + "'s autopart has no --noswap: an explicit layout without swap";
        }
        if (p.scheme() == Scheme.PLAIN && !release.has(KickstartRelease.Feature.AUTOPART_TYPE)) {
            return v + "'s autopart has no --type (it makes LVM): an explicit layout of plain partitions";
        }
        return v + "'s autopart has no --fstype: an explicit layout of " + p.filesystem().orElse("");
    }
}
