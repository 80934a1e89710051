package org.miniascape.pack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.miniascape.MiniascapeException;

/**
 * A domain saved as XML (virsh dumpxml --inactive). A file cannot say whether its guest runs: when a libvirt
 * connection is given, that is asked there by the domain's name.
 */
public final class XmlFileDomainSource implements DomainSource {
    private final Optional<LibvirtDomainSource> libvirt;

    public XmlFileDomainSource(Optional<LibvirtDomainSource> libvirt) {
        this.libvirt = libvirt;
    }

    @Override
    public Found fetch(String file) {
        Path path = Path.of(file);
        String xml;
        try {
            xml = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw MiniascapeException.badInput("cannot read " + file + ": " + e.getMessage());
        }
        String name = DomainDocument.parse(xml, file).name();
        boolean active = libvirt.map(l -> l.active(name)).orElse(false);
        return new Found(xml, active, file);
    }

    @Override
    public Optional<Path> volumePath(String pool, String volume) {
        return libvirt.flatMap(l -> l.volumePath(pool, volume));
    }
}
