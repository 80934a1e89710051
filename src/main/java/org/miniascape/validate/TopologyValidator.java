package org.miniascape.validate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miniascape.model.Host;
import org.miniascape.model.Ipv4;
import org.miniascape.model.NetworkMode;
import org.miniascape.model.NetworkSpan;
import org.miniascape.model.SourcePosition;
import org.miniascape.model.Topology;
import org.miniascape.model.declared.DeclaredGuest;
import org.miniascape.model.declared.DeclaredNetwork;
import org.miniascape.model.declared.DeclaredSite;

/**
 * Checks the declared hosts of a site and what names them, each problem at its FILE:LINE:COLUMN: host names,
 * URIs and underlay addresses unique; an underlay address outside the site's networks; every guest's
 * {@code host} and network's {@code home} a host of {@code hosts}; a guest not larger than its declared host;
 * given VNIs unique and not on a network of mode bridge. Without {@code hosts}, {@code host}, {@code home} and
 * {@code vni} are refused (they would mean nothing).
 */
public final class TopologyValidator {
    private final DeclaredSite site;
    private final Topology topology;
    private final Problems problems;

    private TopologyValidator(DeclaredSite site, Problems problems) {
        this.site = site;
        this.topology = site.topology();
        this.problems = problems;
    }

    public static void validate(DeclaredSite site, Problems problems) {
        new TopologyValidator(site, problems).run();
    }

    private void run() {
        checkHosts();
        for (DeclaredGuest g : site.guests()) {
            topology.hostOf(g.name()).ifPresent(h -> checkGuestHost(g, h));
        }
        Map<Integer, DeclaredNetwork> vnis = new HashMap<>();
        for (DeclaredNetwork n : site.networks()) {
            Optional<NetworkSpan> span = topology.network(n.name());
            if (span.isEmpty()) {
                continue;
            }
            if (!span.get().home().isEmpty()) {
                knownHost(span.get().home(), n.origin().of("home"), "home '" + span.get().home() + "' of network '"
                        + n.name() + "'");
            }
            if (span.get().vni().isPresent()) {
                int vni = span.get().vni().getAsInt();
                SourcePosition at = n.origin().of("vni");
                if (!topology.declared()) {
                    problems.add(at, "'vni' of network '" + n.name() + "' joins the network's bridges on several hosts,"
                            + " but the site declares no 'hosts'");
                } else if (n.mode() == NetworkMode.BRIDGE) {
                    problems.add(at, "'vni' cannot be set on network '" + n.name() + "' of mode bridge (an existing"
                            + " host bridge on each host: joining them is the LAN's, not a VXLAN of miniascape's)");
                } else {
                    DeclaredNetwork first = vnis.putIfAbsent(vni, n);
                    if (first != null) {
                        problems.add(at, "VNI " + vni + " of network '" + n.name() + "' is also network '"
                                + first.name() + "''s (at " + first.origin().of("vni") + "): each network needs a"
                                + " VXLAN identifier of its own");
                    }
                }
            }
        }
    }

    private void checkHosts() {
        Map<String, Host> names = new HashMap<>();
        Map<Ipv4, Host> underlays = new HashMap<>();
        Map<String, Host> uris = new HashMap<>();
        for (Host h : topology.hosts()) {
            Host first = names.putIfAbsent(h.name(), h);
            if (first != null) {
                problems.add(h.origin().of("name"), "host name '" + h.name() + "' is used twice (first at "
                        + first.origin().of("name") + ")");
            }
            Host sameUnderlay = underlays.putIfAbsent(h.underlay(), h);
            if (sameUnderlay != null) {
                problems.add(h.origin().of("underlay"), "underlay address " + h.underlay() + " of host '" + h.name()
                        + "' is also host '" + sameUnderlay.name() + "''s (at " + sameUnderlay.origin().of("underlay")
                        + "): each host needs an address of its own");
            }
            Host sameUri = uris.putIfAbsent(h.uri(), h);
            if (sameUri != null) {
                problems.add(h.origin().of("uri"), "uri " + h.uri() + " of host '" + h.name() + "' is also host '"
                        + sameUri.name() + "''s (at " + sameUri.origin().of("uri") + "): one libvirt daemon is one host");
            }
            for (DeclaredNetwork n : site.networks()) {
                if (n.cidr().isPresent() && n.cidr().get().contains(h.underlay())) {
                    problems.add(h.origin().of("underlay"), "underlay address " + h.underlay() + " of host '"
                            + h.name() + "' is inside network '" + n.name() + "' (" + n.cidr().get() + "): the underlay is the"
                            + " hosts' own network, never one that its VXLAN links carry");
                }
            }
        }
    }

    /** True when {@code name} is a host of the site; else a problem at {@code at}. */
    private boolean knownHost(String name, SourcePosition at, String what) {
        if (topology.host(name).isPresent()) {
            return true;
        }
        if (!topology.declared()) {
            problems.add(at, what + " names a host, but the site declares no 'hosts'");
        } else {
            problems.add(at, what + " is not a host of 'hosts' (" + String.join(", ", hostNames()) + ")"
                    + Suggestions.didYouMean(name, hostNames()));
        }
        return false;
    }

    private List<String> hostNames() {
        return topology.hosts().stream().map(Host::name).toList();
    }

    private void checkGuestHost(DeclaredGuest g, String hostName) {
        SourcePosition at = g.origin().of("host");
        if (!knownHost(hostName, at, "host '" + hostName + "' of guest '" + g.name() + "'")) {
            return;
        }
        Host h = topology.host(hostName).orElseThrow();
        h.memoryMib().filter(m -> g.hardware().memoryMib() > m).ifPresent(m -> problems.add(at, "guest '" + g.name()
                + "' needs " + g.hardware().memoryMib() + " MiB of memory, more than host '" + h.name() + "' has ("
                + m + " MiB, at " + h.origin().of("memory") + ")"));
        h.vcpus().filter(v -> g.hardware().vcpus() > v).ifPresent(v -> problems.add(at, "guest '" + g.name()
                + "' needs " + g.hardware().vcpus() + " vCPUs, more than host '" + h.name() + "' has (" + v
                + ", at " + h.origin().of("vcpus") + ")"));
    }
}
