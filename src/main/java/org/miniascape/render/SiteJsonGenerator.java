package org.miniascape.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.miniascape.model.Disk;
import org.miniascape.model.DnsHost;
import org.miniascape.model.Guest;
import org.miniascape.model.Network;
import org.miniascape.model.Nic;
import org.miniascape.model.Reservation;
import org.miniascape.model.Site;
import org.miniascape.model.StoragePool;

/**
 * {@code site.json}: the resolved model — every network with its reservations, every guest with each
 * interface's final network, MAC and IP. Written with Jackson (already on the classpath through Jinjava) in a
 * fixed key order, so it is byte-identical for the same input and easy for scripts (jq) to read.
 */
public final class SiteJsonGenerator implements Generator {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void generate(Site site, Templates templates, OutputTree out) {
        out.write("site.json", toJson(site));
    }

    public static String toJson(Site site) {
        ObjectNode root = JSON.createObjectNode();
        root.put("generator", "miniascape");
        root.put("site", site.name());
        root.put("domain", site.domain());
        org.miniascape.model.Topology topology = site.topology();
        if (topology.declared()) {
            root.put("placement", topology.placement().key());
            ArrayNode hosts = root.putArray("hosts");
            for (org.miniascape.model.Host h : topology.hosts()) {
                ObjectNode o = hosts.addObject().put("name", h.name()).put("uri", h.uri())
                        .put("underlay", h.underlay().toString()).put("underlay_mtu", h.underlayMtu())
                        .put("shell", h.shell().kind().key());
                ArrayNode prefix = o.putArray("shell_prefix");
                h.shell().prefix().forEach(prefix::add);
                h.memoryMib().ifPresent(m -> o.put("memory", m));
                h.vcpus().ifPresent(v -> o.put("vcpus", v));
            }
        }
        ArrayNode networks = root.putArray("networks");
        for (Network n : site.networks()) {
            ObjectNode o = network(n);
            topology.network(n.name()).filter(s -> topology.declared()).ifPresent(s -> {
                o.put("home", s.home());
                ArrayNode on = o.putArray("hosts");
                s.hosts().forEach(on::add);
                s.vni().ifPresent(v -> o.put("vni", v));
                s.nicMtu().ifPresent(m -> o.put("mtu", m));
            });
            networks.add(o);
        }
        ArrayNode pools = root.putArray("storage_pools");
        for (StoragePool p : site.storagePools()) {
            pools.addObject().put("name", p.name()).put("type", p.type()).put("path", p.path())
                    .put("autostart", p.autostart());
        }
        ArrayNode guests = root.putArray("guests");
        for (Guest g : site.guests()) {
            ObjectNode o = guest(g);
            topology.hostOf(g.name()).ifPresent(h -> o.put("host", h));
            guests.add(o);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode network(Network n) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", n.name());
        o.put("mode", n.mode().key());
        o.put("bridge", n.bridge());
        o.put("domain", n.domain());
        n.cidr().ifPresent(c -> o.put("cidr", c.toString()));
        n.gateway().ifPresent(g -> o.put("gateway", g.toString()));
        n.dhcp().ifPresent(d -> {
            ObjectNode dhcp = o.putObject("dhcp");
            d.dynamic().ifPresent(r -> dhcp.put("start", r.start().toString()).put("end", r.end().toString()));
            d.staticPool().ifPresent(r -> dhcp.putObject("static").put("start", r.start().toString())
                    .put("end", r.end().toString()));
            d.leaseSeconds().ifPresent(l -> dhcp.put("lease_time", l));
        });
        o.put("dhcp_backend", n.dhcpBackend().key());
        o.put("autostart", n.autostart());
        ArrayNode forwarders = o.putArray("dns_forwarders");
        n.dnsForwarders().forEach(f -> forwarders.add(f.toString()));
        ArrayNode dnsHosts = o.putArray("dns_hosts");
        for (DnsHost h : n.dnsHosts()) {
            ObjectNode d = dnsHosts.addObject().put("ip", h.ip().toString());
            ArrayNode names = d.putArray("names");
            h.names().forEach(names::add);
        }
        ArrayNode reservations = o.putArray("reservations");
        for (Reservation r : n.reservations()) {
            reservations.addObject().put("name", r.name()).put("mac", r.mac().toString())
                    .put("ip", r.ip().toString()).put("kind", r.guest() ? "guest" : "host");
        }
        return o;
    }

    /**
     * A guest as configured: a disk's {@code backing} is the one it declares, not the resolved one, so an
     * image-based guest's first disk does not repeat {@code install.image} (which {@code install} does not show).
     */
    private static ObjectNode guest(Guest g) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", g.name());
        g.group().ifPresent(grp -> o.put("group", grp));
        o.put("vcpus", g.hardware().vcpus());
        o.put("memory", g.hardware().memoryMib());
        o.put("arch", g.hardware().arch());
        o.put("os_variant", g.hardware().osVariant());
        o.put("virt_type", g.hardware().virtType().key());
        o.put("install", g.install().method().key());
        ArrayNode nics = o.putArray("interfaces");
        for (Nic nic : g.nics()) {
            ObjectNode i = nics.addObject().put("network", nic.network()).put("mac", nic.mac().toString());
            nic.ip().ifPresent(ip -> i.put("ip", ip.toString()));
            i.put("model", nic.model());
        }
        ArrayNode disks = o.putArray("disks");
        for (Disk d : g.disks()) {
            ObjectNode disk = disks.addObject().put("volume", d.volume()).put("pool", d.pool())
                    .put("size", d.sizeGib()).put("bus", d.bus()).put("format", d.format());
            d.declaredBacking().ifPresent(b -> disk.put("backing", b));
        }
        return o;
    }
}
