package org.miniascape.model;

import java.util.Locale;
import java.util.Optional;

/**
 * How a guest gets its OS: {@code location} is an install tree (URL or directory) for kickstart/preseed;
 * {@code image} a disk or cloud image for import/cloud-init; {@code cdrom} an ISO; {@code seed}: an imported
 * image that runs cloud-init gets a NoCloud seed, as a cloud-init guest always does; {@code partitioning}: the
 * layout an installer makes on the first disk (the guest key {@code partitioning}), empty for the default.
 */
public record Install(Method method, Optional<String> location, Optional<String> image, Optional<String> cdrom,
                      Optional<String> extraArgs, boolean seed, Optional<Partitioning> partitioning) {

    /** Without a disk layout of the site's own ({@code partitioning}: the installer's, as miniascape writes it). */
    public Install(Method method, Optional<String> location, Optional<String> image, Optional<String> cdrom,
                   Optional<String> extraArgs, boolean seed) {
        this(method, location, image, cdrom, extraArgs, seed, Optional.empty());
    }

    /** Without a NoCloud seed for an imported image ({@code seed}: only method import takes one). */
    public Install(Method method, Optional<String> location, Optional<String> image, Optional<String> cdrom,
                   Optional<String> extraArgs) {
        this(method, location, image, cdrom, extraArgs, false);
    }

    /**
     * The install methods, each with the facts about it that more than its files depend on: whether it runs an
     * installer from an install tree or ISO ({@code installer}: location or cdrom needed), whether the first disk
     * is an overlay of {@code image} ({@code imageBased}), and whether the guest's disk boots as it is, so that
     * bringing the site up starts it ({@code bootsAsIs}). Its files, virt-install arguments and requirements on
     * the guest are the method's class beside the guest renderers ({@code render.guest.InstallMethod}).
     */
    public enum Method {
        KICKSTART(true, false, false),
        PRESEED(true, false, false),
        CLOUD_INIT(false, true, true),
        IMPORT(false, true, true),
        NONE(false, false, true);

        private final boolean installer;
        private final boolean imageBased;
        private final boolean bootsAsIs;

        Method(boolean installer, boolean imageBased, boolean bootsAsIs) {
            this.installer = installer;
            this.imageBased = imageBased;
            this.bootsAsIs = bootsAsIs;
        }

        /** Runs an installer: needs {@code location} (an install tree) or {@code cdrom}. */
        public boolean installer() {
            return installer;
        }

        /** The first disk is an overlay of {@code image} (unless it names its own backing). */
        public boolean imageBased() {
            return imageBased;
        }

        /** The guest's disk boots as it is: bringing the site up starts it. */
        public boolean bootsAsIs() {
            return bootsAsIs;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Method> fromKey(String key) {
            for (Method m : values()) {
                if (m.key().equals(key)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A local install tree directory that the host's web server can serve under a URL as it is: an absolute
     * path of these characters only (it is written into nginx and httpd configuration unquoted).
     */
    public static final java.util.regex.Pattern SERVABLE_TREE = java.util.regex.Pattern.compile("/[A-Za-z0-9._/+@:-]*");

    /** A location the installer fetches itself (http, https, ftp, nfs); anything else is a local directory. */
    public static boolean isRemote(String location) {
        return location.matches("(?i)(https?|ftp|nfs)://.*");
    }

    /**
     * True for a local ISO image given as {@code location} (a path ending in {@code .iso}): virt-install takes
     * the installer's kernel and initrd from it and attaches it to the guest as a CD-ROM, where the installer
     * finds its packages — nothing is served over HTTP.
     */
    public static boolean isLocalIso(String location) {
        return !isRemote(location) && location.toLowerCase(java.util.Locale.ROOT).endsWith(".iso");
    }

    /** True when the installer reads its packages from a CD-ROM: an ISO given as {@code location} or {@code cdrom}. */
    public boolean installsFromCdrom() {
        return location.map(Install::isLocalIso).orElse(cdrom.isPresent());
    }

    public static final Install NONE = new Install(Method.NONE, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());
}
