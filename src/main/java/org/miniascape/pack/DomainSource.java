package org.miniascape.pack;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where repack gets a domain from: its persistent XML, whether it is running, and the files behind
 * {@code type='volume'} disks. Either libvirt ({@link LibvirtDomainSource}) or a saved XML file
 * ({@link XmlFileDomainSource}).
 */
public interface DomainSource {

    /** A domain as found: its XML, whether it is active now, and where it came from (for messages). */
    record Found(String xml, boolean active, String origin) {
    }

    Found fetch(String nameOrFile);

    /** The file of a pool's volume, when this source can know it. */
    Optional<Path> volumePath(String pool, String volume);
}
