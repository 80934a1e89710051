package org.miniascape.render.guest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kickstart syntax a guest's installer reads, named as pykickstart names it ({@code RHEL6}, {@code F40}), from
 * the guest's {@code os_variant} (a libosinfo short id such as {@code rhel6.10}, {@code centos7.0},
 * {@code rocky9}, {@code centos-stream9}, {@code fedora40}; 0.3's {@code rhel6} too), and what that syntax has.
 * The one place that knows which release has which kickstart command or option: {@link KickstartVariables} and
 * the kernel argument ({@code ks=} or {@code inst.ks=}) ask here.
 *
 * <p>{@link #TABLE}: the RHEL family (RHEL, CentOS, CentOS Stream, AlmaLinux, Rocky, Oracle Linux, Scientific
 * Linux) by major version, {@value #OLDEST_RHEL} to {@value #NEWEST_RHEL} (an older major: the oldest, a newer
 * one: the newest); Fedora by its number, {@value #OLDEST_FEDORA} to {@value #NEWEST_FEDORA} (clamped likewise;
 * {@code fedora-rawhide} and {@code fedora-unknown}: the newest). Any other os_variant ({@code generic}, a
 * Debian one, an id this table does not know) gets the newest RHEL syntax, and the file says so.
 */
public record KickstartRelease(Family family, int version, String osVariant, String note) {

    public enum Family {
        RHEL("RHEL"), FEDORA("F");

        private final String prefix;

        Family(String prefix) {
            this.prefix = prefix;
        }
    }

    static final int OLDEST_RHEL = 5;
    static final int NEWEST_RHEL = 10;
    static final int OLDEST_FEDORA = 8;
    static final int NEWEST_FEDORA = 45;

    /** A family of os_variant ids: the id's name before its version, and the releases it can name. */
    private record Row(Pattern name, Family family, int oldest, int newest) {
    }

    /**
     * os_variant → release: {@code NAME MAJOR[.MINOR...][-unknown]}, NAME one of a row's; the major clamped to
     * the row's range.
     */
    private static final List<Row> TABLE = List.of(
            new Row(Pattern.compile("rhel|centos|centos-stream|almalinux|rocky|ol|oel|scientificlinux"),
                    Family.RHEL, OLDEST_RHEL, NEWEST_RHEL),
            new Row(Pattern.compile("fedora"), Family.FEDORA, OLDEST_FEDORA, NEWEST_FEDORA));
    private static final Pattern VERSIONED = Pattern.compile("([a-z]+(?:-[a-z]+)*?)-?(\\d+)(?:\\.\\d+)*(?:-unknown)?");

    /**
     * A kickstart command or option and the first release of each family that has it (pykickstart's handlers:
     * {@code pykickstart/handlers/rhelN.py}, {@code fN.py}, and the command classes they name).
     */
    public enum Feature {
        /** {@code rootpw --lock}, with a password (F8_RootPw); RHEL 5 has no --lock. */
        ROOTPW_LOCK(6, 8),
        /** {@code firewall --service=} (F10_Firewall); before it, {@code --ssh}. */
        FIREWALL_SERVICE(6, 10),
        /** {@code network --activate} and {@code --nodefroute} (RHEL6_Network, F16_Network). */
        NETWORK_ACTIVATE(6, 16),
        /** {@code bootloader --boot-drive=} (F17_Bootloader); before it, {@code --driveorder=}. */
        BOOTLOADER_BOOT_DRIVE(7, 17),
        /** {@code autopart --type=lvm} (F17_AutoPart); before it, plain autopart is LVM. */
        AUTOPART_TYPE(7, 17),
        /** {@code keyboard --vckeymap=} (F18_Keyboard); before it, the keymap as the argument. */
        KEYBOARD_VCKEYMAP(7, 18),
        /** {@code rootpw --lock} without a password (F18_RootPw). */
        ROOTPW_LOCK_ALONE(7, 18),
        /** The installer's boot option {@code inst.ks=} (anaconda 19, RHEL 7); before it, {@code ks=}. */
        INST_KS(7, 19),
        /** {@code sshkey} (F22_SshKey); before it, the keys are written by a %post script. */
        SSHKEY(8, 22),
        /** {@code timezone --ntpservers=} (F18_Timezone, RHEL7_Timezone); before it, a %post writes ntp.conf. */
        NTPSERVERS(7, 18),
        /**
         * {@code timesource --ntp-server=} (F33_Timesource), which replaces {@code timezone --ntpservers}: F33's and
         * RHEL 9's timezone warn that it is deprecated, F40's deprecates it, RHEL 10's has it no more.
         */
        TIMESOURCE(9, 33),
        /**
         * kdump-anaconda-addon's {@code %addon com_redhat_kdump --enable|--disable --reserve-mb=}: on RHEL's media
         * from RHEL 7, in Fedora's installer image from Fedora 22 (lorax, rhbz#1115914 and #1176483); pykickstart
         * reads any %addon section as opaque text. Before it, kdump is the kernel's {@code crashkernel=} argument,
         * kexec-tools and the kdump service.
         */
        KDUMP_ADDON(7, 22),

        /** {@code user --lock} (F8_User); RHEL 5's user (FC6_User) has none: useradd leaves the password locked. */
        USER_LOCK(6, 8),
        /** {@code autopart --fstype=} (F21_AutoPart, RHEL7_AutoPart). */
        AUTOPART_FSTYPE(7, 21),
        /** {@code autopart --noswap} (F26_AutoPart; RHEL 8's is F29's). */
        AUTOPART_NOSWAP(8, 26),
        /** {@code reqpart}: the partitions the platform needs (biosboot, EFI), before an explicit layout (F23). */
        REQPART(7, 23),
        /**
         * ext4 as a file system the installer makes, /boot too (RHEL 6; Fedora 12, whose GRUB boots from it; RHEL 5
         * and older Fedora: ext2 and ext3 only). Not a kickstart option: what miniascape accepts for each release.
         */
        FS_EXT4(6, 12),
        /** xfs likewise, /boot too: the releases that boot with GRUB 2 (RHEL 7, Fedora 16). */
        FS_XFS(7, 16);

        private final int rhel;
        private final int fedora;

        Feature(int rhel, int fedora) {
            this.rhel = rhel;
            this.fedora = fedora;
        }
    }

    /** The syntax of a guest's os_variant. */
    public static KickstartRelease of(String osVariant) {
        String id = osVariant.toLowerCase(Locale.ROOT);
        if (id.equals("fedora-rawhide") || id.equals("fedora-unknown")) {
            return new KickstartRelease(Family.FEDORA, NEWEST_FEDORA, osVariant, "");
        }
        Matcher m = VERSIONED.matcher(id);
        if (m.matches()) {
            for (Row row : TABLE) {
                if (row.name().matcher(m.group(1)).matches()) {
                    int major = parse(m.group(2));
                    if (major < row.oldest()) {
                        return new KickstartRelease(row.family(), row.oldest(), osVariant,
                                "older than any release miniascape writes for: the oldest syntax");
                    }
                    if (major > row.newest()) {
                        return new KickstartRelease(row.family(), row.newest(), osVariant,
                                "newer than the releases miniascape knows: the newest syntax");
                    }
                    return new KickstartRelease(row.family(), major, osVariant, "");
                }
            }
        }
        return new KickstartRelease(Family.RHEL, NEWEST_RHEL, osVariant,
                "not a release miniascape knows: the newest RHEL syntax");
    }

    private static int parse(String digits) {
        return digits.length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    /** Every release of the table, oldest first per family: what the tests validate against. */
    public static List<KickstartRelease> all() {
        List<KickstartRelease> all = new java.util.ArrayList<>();
        for (Row row : TABLE) {
            for (int v = row.oldest(); v <= row.newest(); v++) {
                String id = (row.family() == Family.RHEL ? "rhel" : "fedora") + v;
                all.add(new KickstartRelease(row.family(), v, id, ""));
            }
        }
        return List.copyOf(all);
    }

    /** pykickstart's name of this syntax, as {@code ksvalidator -v} takes it: RHEL6, F40. */
    public String pykickstartVersion() {
        return family.prefix + version;
    }

    public boolean has(Feature feature) {
        return version >= (family == Family.RHEL ? feature.rhel : feature.fedora);
    }

    /** Whether the installer of this release makes a file system of {@code type} (model.Partitioning.FILESYSTEMS). */
    public boolean makesFilesystem(String type) {
        return switch (type) {
            case "xfs" -> has(Feature.FS_XFS);
            case "ext4" -> has(Feature.FS_EXT4);
            default -> true;
        };
    }

    /** The file systems this release's installer makes, newest first. */
    public List<String> filesystems() {
        return org.miniascape.model.Partitioning.FILESYSTEMS.stream().filter(this::makesFilesystem).toList();
    }

    /**
     * The file system of an explicit layout that names none: the release's own default (xfs from RHEL 7, ext4 on
     * RHEL 6 and Fedora, ext3 before).
     */
    public String defaultFilesystem() {
        if (family == Family.RHEL && has(Feature.FS_XFS)) {
            return "xfs";
        }
        return has(Feature.FS_EXT4) ? "ext4" : "ext3";
    }

    /** The installer's boot option that points at {@code location}: {@code inst.ks=…}, or {@code ks=…} before RHEL 7. */
    public String kernelArg(String location) {
        return (has(Feature.INST_KS) ? "inst.ks=" : "ks=") + location;
    }

    /** The comment line that names this syntax in ks.cfg; {@link #ofHeader} reads it back. */
    public String headerLine() {
        return "# Kickstart syntax: " + pykickstartVersion() + " (os_variant " + osVariant
                + (note.isEmpty() ? "" : ", " + note) + ")";
    }

    private static final Pattern HEADER = Pattern.compile("(?m)^# Kickstart syntax: (RHEL|F)(\\d+) \\(");

    /** The pykickstart version that a generated ks.cfg's header names, if it has the header. */
    public static Optional<String> ofHeader(String ksCfg) {
        Matcher m = HEADER.matcher(ksCfg);
        return m.find() ? Optional.of(m.group(1) + m.group(2)) : Optional.empty();
    }
}
