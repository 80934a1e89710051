package org.miniascape.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miniascape.model.Backing;
import org.miniascape.model.Disk;
import org.miniascape.model.Guest;
import org.miniascape.model.Install;
import org.miniascape.model.NoCloudSeed;
import org.miniascape.model.Site;
import org.miniascape.xml.VolumeXml;

/**
 * The volumes a guest's disks need, with the XML that creates each (the same as {@code build} writes to
 * guests/NAME/volumes/), for applying a site to libvirt.
 */
public final class GuestVolumes {

    /**
     * One volume. {@code mustExist}: an imported guest's first disk without backing is the guest's own image;
     * it is never created empty. {@code base}: the volume of the same pool it is an overlay of (an image the
     * site only reads), when its backing is named by volume rather than by an absolute path.
     */
    public record Volume(String pool, String name, String xml, boolean mustExist, Optional<String> base,
                         boolean seed) {
    }

    private GuestVolumes() {
    }

    public static List<Volume> of(Guest guest, Site site) {
        List<Disk> disks = guest.disks();
        boolean importing = guest.install().method() == Install.Method.IMPORT;
        List<Volume> out = new ArrayList<>();
        for (int i = 0; i < disks.size(); i++) {
            Disk d = disks.get(i);
            Optional<VolumeXml.Backing> backing = d.backing().map(b -> new VolumeXml.Backing(b.path(), b.format()));
            out.add(new Volume(d.pool(), d.volume(), VolumeXml.render(d.volume(), d.sizeGib(), d.format(), backing),
                    importing && i == 0 && d.backing().isEmpty(),
                    d.backing().map(Backing::name).filter(b -> !b.startsWith("/")), false));
        }
        return out;
    }

    /**
     * The volumes {@code up} makes for a guest: its disks' and, for a cloud-init guest, its NoCloud seed (whose
     * XML, and size, is known only once the seed is made: {@code xml} is empty).
     */
    public static List<Volume> withSeed(Guest guest, Site site) {
        List<Volume> out = of(guest, site);
        NoCloudSeed.of(guest).ifPresent(s -> out.add(new Volume(s.pool(), s.volume(), "", false, Optional.empty(),
                true)));
        return out;
    }

    /** The domain XML as {@code build} writes it. */
    public static String domainXml(Guest guest, Site site) {
        return domainXml(guest, site, Optional.empty(), Optional.empty());
    }

    /** The same, as it is given to libvirt: with the domain's UUID and miniascape's ownership mark. */
    public static String domainXml(Guest guest, Site site, Optional<String> uuid,
                                   Optional<org.miniascape.xml.OwnerMark> mark) {
        return org.miniascape.xml.DomainXml.render(guest, site, uuid,
                mark);
    }
}
