package org.miniascape.cli;

import java.lang.reflect.Proxy;
import org.miniascape.libvirt.HostProbe;
import org.miniascape.libvirt.HostReader;
import org.miniascape.libvirt.Planner;
import org.miniascape.model.Site;
import org.miniascape.xml.NetworkXml;

/**
 * Node-file objects for a prepared test-driver host. Objects that carry the site's miniascape mark are the
 * site's own (what 'up' would have left there); objects rendered without it are foreign ones of the same name,
 * which the applying commands refuse and 'down' leaves alone.
 */
final class MarkedHost {
    private MarkedHost() {
    }

    /** A planner used only for its marked XML, which reads nothing of the host: any call to it fails. */
    static Planner planner(Site site) {
        HostReader none = (HostReader) Proxy.newProxyInstance(HostReader.class.getClassLoader(),
                new Class<?>[] {HostReader.class}, (proxy, m, args) -> {
                    throw new UnsupportedOperationException("MarkedHost reads no host: " + m.getName());
                });
        return new Planner(none, HostProbe.NONE, site, Planner.Options.DEFAULT);
    }

    /** The site's networks as miniascape defines them for it, with its mark. */
    static String[] networks(Site site) {
        Planner p = planner(site);
        return site.networks().stream().map(p::markedNetworkXml).toArray(String[]::new);
    }

    /** The site's networks without any mark: not created by miniascape for this site. */
    static String[] foreignNetworks(Site site) {
        return site.networks().stream().map(NetworkXml::render).toArray(String[]::new);
    }

    /** The guest's domain as miniascape defines it for the site, with its mark. */
    static String domain(Site site, String guest) {
        return planner(site).markedDomainXml(site.guest(guest).orElseThrow());
    }
}
