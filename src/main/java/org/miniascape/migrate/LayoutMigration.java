package org.miniascape.migrate;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.miniascape.migrate.ONode.OEntry;
import org.miniascape.migrate.ONode.OMap;
import org.miniascape.migrate.ONode.OScalar;

/**
 * 0.3's disk layout → {@code partitioning}. 0.3's kickstart wrote {@code partition} (raw kickstart lines) when it
 * was set, else a layout of its own: /boot, then LVM with a swap volume of {@code swap} MiB and / of
 * {@code filesystem}. So {@code swap} and {@code filesystem} map where the {@code partition} in force at their
 * level (theirs, else the nearest enclosing level's) is empty, and are reported as unused where it is not;
 * {@code partition} maps when each of its lines is recognisable (autopart with --type, --fstype, --noswap; part or
 * logvol lines of /boot, / and swap, with a volume group), else it is reported with the line that is not.
 */
final class LayoutMigration {
    private final UsersMigration.Notes notes;

    LayoutMigration(UsersMigration.Notes notes) {
        this.notes = notes;
    }

    /** The layout keys of one level, with the levels that enclose it (innermost first). */
    void layout(OMap level, String path, List<OMap> enclosing, Out.OutMap out) {
        OEntry partition = level.entries().get("partition");
        OEntry swap = level.entries().get("swap");
        OEntry fs = level.entries().get("filesystem");
        if (partition == null && swap == null && fs == null) {
            return;
        }
        OEntry inForce = partition;
        for (int i = 0; inForce == null && i < enclosing.size(); i++) {
            inForce = enclosing.get(i).entries().get("partition");
        }
        boolean ownLayout = inForce == null || text(inForce.value()) == null || text(inForce.value()).isBlank();
        Out.OutMap p = new Out.OutMap(partition != null ? partition.value().at() : level.at());
        if (partition != null) {
            if (ownLayout) {
                p.put("scheme", new Out.OutScalar("lvm", partition.value().at()));
                notes.note(partition.keyAt(), path + ".partition", "partitioning.scheme: lvm (empty: 0.3 wrote its own"
                        + " layout, /boot and LVM with swap and /)");
            } else {
                parse(partition, path + ".partition", p);
            }
        }
        for (OEntry e : new OEntry[] {swap, fs}) {
            if (e == null) {
                continue;
            }
            String key = e.key().equals("swap") ? "swap" : "filesystem";
            if (!ownLayout) {
                notes.note(e.keyAt(), path + "." + e.key(), Migration.NONE + ": not used by 0.3 here, which wrote"
                        + " partition's kickstart lines (" + inForce.keyAt() + ") instead of its own layout");
                continue;
            }
            Object v = e.value() instanceof OScalar s ? s.value() : null;
            if (key.equals("swap") && !(v instanceof Long)) {
                notes.note(e.keyAt(), path + ".swap", Migration.NONE + ": swap is a size in MiB here");
                continue;
            }
            p.put(key, new Out.OutScalar(key.equals("filesystem") ? text(e.value()) : v, e.value().at()));
            notes.note(e.keyAt(), path + "." + e.key(), "partitioning." + key + (key.equals("swap") ? " (MiB)" : "")
                    + " (0.3's own layout, " + (partition != null ? "as partition is empty" : "partition being empty"
                    + " here") + ")");
        }
        if (!p.entries.isEmpty()) {
            out.put("partitioning", p);
        }
    }

    private static final Pattern FSTYPE = Pattern.compile("--fstype[= ]\"?([A-Za-z0-9]+)\"?");
    private static final Pattern SIZE = Pattern.compile("--size[= ](\\d+)");
    /** Options of a part or logvol line that a layout here makes the same or near enough. */
    private static final Pattern KNOWN_OPTION = Pattern.compile("--(fstype|size|grow|asprimary|recommended|name|vgname"
            + "|maxsize|ondisk)([= ]\\S+)?");

    /** {@code partition}'s kickstart lines, when every one of them is recognisable. */
    private void parse(OEntry partition, String k, Out.OutMap p) {
        String scheme = null;
        String fs = null;
        Long swap = null;
        boolean lvm = false;
        boolean plainRoot = false;
        boolean boot = false;
        for (String raw : text(partition.value()).split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] w = line.split("\\s+");
            Matcher fm = FSTYPE.matcher(line);
            String lineFs = fm.find() ? fm.group(1).toLowerCase(Locale.ROOT) : null;
            if (w[0].equals("autopart")) {
                scheme = "auto";
                for (int i = 1; i < w.length; i++) {
                    String o = w[i];
                    if (o.equals("--type=lvm") || o.equals("--type=plain")) {
                        scheme = o.substring(7);
                    } else if (o.equals("--nolvm") || o.equals("--type=partition")) {
                        scheme = "plain";
                    } else if (o.startsWith("--fstype")) {
                        fs = lineFs;
                    } else if (o.equals("--noswap")) {
                        swap = 0L;
                    } else {
                        unrecognised(partition, k, line, "autopart option " + o);
                        return;
                    }
                }
                continue;
            }
            if (!(w[0].equals("part") || w[0].equals("partition") || w[0].equals("logvol") || w[0].equals("volgroup"))
                    || w.length < 2) {
                unrecognised(partition, k, line, "the command " + w[0]);
                return;
            }
            if (w[0].equals("volgroup")) {
                lvm = true;
                continue;
            }
            String mount = w[1];
            for (int i = 2; i < w.length; i++) {
                if (!KNOWN_OPTION.matcher(w[i]).matches() && !w[i].matches("\"?[A-Za-z0-9._]+\"?")) {
                    unrecognised(partition, k, line, "the option " + w[i]);
                    return;
                }
            }
            if (mount.startsWith("pv.")) {
                lvm = true;
            } else if (mount.equals("swap")) {
                Matcher sm = SIZE.matcher(line);
                if (sm.find() && !line.contains("--recommended")) {
                    swap = Long.parseLong(sm.group(1));
                }
            } else if (mount.equals("/")) {
                fs = lineFs;
                plainRoot = !w[0].equals("logvol");
            } else if (mount.equals("/boot")) {
                boot = true;
            } else {
                unrecognised(partition, k, line, "a file system on " + mount + " (a layout here has /boot, swap and /"
                        + " only)");
                return;
            }
        }
        if (scheme == null) {
            scheme = lvm && !plainRoot ? "lvm" : "plain";
        }
        p.put("scheme", new Out.OutScalar(scheme, partition.value().at()));
        if (fs != null) {
            p.put("filesystem", new Out.OutScalar(fs, partition.value().at()));
        }
        if (swap != null) {
            p.put("swap", new Out.OutScalar(swap, partition.value().at()));
        }
        p.comment("0.3 partition: " + text(partition.value()).strip().replace("\n", " | "));
        notes.note(partition.keyAt(), k, "partitioning (scheme " + scheme + (fs != null ? ", filesystem " + fs : "")
                + (swap != null ? ", swap " + swap : "") + ": 0.3's kickstart lines" + (boot ? "; /boot is "
                + org.miniascape.model.Partitioning.BOOT_MIB + " MiB here" : "") + ")");
    }

    private void unrecognised(OEntry partition, String k, String line, String what) {
        notes.note(partition.keyAt(), k, Migration.NONE + ": `" + line + "`: " + what + " has no equivalent in"
                + " partitioning (scheme, filesystem, swap); the guest gets the partitioning of its enclosing levels,"
                + " else the default layout (LVM)");
    }

    private static String text(ONode n) {
        return n instanceof OScalar s ? s.text() : null;
    }
}
