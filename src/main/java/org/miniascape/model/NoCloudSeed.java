package org.miniascape.model;

import java.util.Optional;

/**
 * The NoCloud seed of a cloud-init guest (or an imported one with {@code install.seed}): an ISO 9660 image labelled {@value #LABEL} holding its
 * {@code user-data}, {@code meta-data} and {@code network-config}, kept as a raw volume beside the guest's first
 * disk ({@code NAME-seed.iso} in that disk's pool) and attached read-only as the virtio disk after the guest's
 * own. cloud-init finds it by its label on any block device, so the guest's disks keep their names.
 */
public record NoCloudSeed(String pool, String volume) {
    public static final String LABEL = "cidata";
    public static final String SUFFIX = "-seed.iso";

    /** The seed of a cloud-init guest with a disk; none for any other guest. */
    public static Optional<NoCloudSeed> of(Guest guest) {
        boolean seeded = guest.install().method() == Install.Method.CLOUD_INIT
                || guest.install().method() == Install.Method.IMPORT && guest.install().seed();
        if (!seeded || guest.disks().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NoCloudSeed(guest.disks().get(0).pool(), guest.name() + SUFFIX));
    }

    /** The seed as a disk of the guest: raw, on virtio. */
    public Disk disk(Origin origin) {
        return new Disk(volume, pool, 0, "virtio", "raw", "default", Optional.empty(), Optional.empty(), origin);
    }
}
