package org.miniascape.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miniascape.model.AddressRange;
import org.miniascape.model.Dhcp;
import org.miniascape.model.DhcpBackend;
import org.miniascape.model.DnsHost;
import org.miniascape.model.Ipv4;
import org.miniascape.model.Ipv4Cidr;
import org.miniascape.model.MacAddress;
import org.miniascape.model.Network;
import org.miniascape.model.NetworkMode;
import org.miniascape.model.Origin;
import org.miniascape.model.Reservation;
import org.miniascape.model.Site;

/**
 * Resolved sites built by hand from the model records, one per named scenario (like libvirt's
 * networkxml2conf cases). Addresses are from the documentation ranges only.
 */
public final class NetScenarios {
    public static final List<String> NAMES = List.of("nat-network-dns-hosts", "isolated-network", "route-network",
            "open-network", "bridge-network", "dnsmasq-backend");

    private NetScenarios() {
    }

    public static Site site(String scenario) {
        return switch (scenario) {
            case "nat-network-dns-hosts" -> site(net("net-1", NetworkMode.NAT, "virbr151", "198.51.100.0/24",
                    DhcpBackend.LIBVIRT)
                    .forwarders("192.0.2.53", "192.0.2.54")
                    .dnsHost("198.51.100.5", "ks", "repo")
                    .host("service-0", "52:54:00:01:00:10", "198.51.100.10")
                    .guest("cluster-1", "52:54:00:05:01:01", "198.51.100.51")
                    .guest("cluster-2", "52:54:00:05:01:02", "198.51.100.52")
                    .build());
            case "isolated-network" -> site(net("net-2", NetworkMode.ISOLATED, "virbr152", "203.0.113.0/24",
                    DhcpBackend.LIBVIRT)
                    .noDynamicPool()
                    .guest("cluster-1", "52:54:00:05:02:01", "203.0.113.51")
                    .guest("cluster-2", "52:54:00:05:02:02", "203.0.113.52")
                    .build());
            case "route-network" -> site(net("routed", NetworkMode.ROUTE, "virbr153", "203.0.113.0/25",
                    DhcpBackend.LIBVIRT)
                    .forwardDevice("eth1")
                    .mtu(9000)
                    .guest("router-1", "52:54:00:05:03:01", "203.0.113.20")
                    .build());
            case "open-network" -> site(net("open", NetworkMode.OPEN, "virbr154", "203.0.113.128/25",
                    DhcpBackend.LIBVIRT)
                    .dnsHost("203.0.113.130", "mirror.example.com")
                    .build());
            case "bridge-network" -> site(new NetBuilder("lan", NetworkMode.BRIDGE, "br0", null,
                    DhcpBackend.LIBVIRT).build());
            case "dnsmasq-backend" -> site(
                    net("front", NetworkMode.NAT, "virbr161", "198.51.100.0/24", DhcpBackend.DNSMASQ)
                            .forwarders("192.0.2.53")
                            .dnsHost("198.51.100.5", "ks", "repo")
                            .host("service-0", "52:54:00:01:00:10", "198.51.100.10")
                            .guest("web-1", "52:54:00:06:01:01", "198.51.100.21")
                            .build(),
                    net("back", NetworkMode.ISOLATED, "virbr162", "203.0.113.0/25", DhcpBackend.DNSMASQ)
                            .guest("db-1", "52:54:00:06:02:01", "203.0.113.11")
                            .build(),
                    net("dmz", NetworkMode.ROUTE, "virbr163", "203.0.113.128/25", DhcpBackend.DNSMASQ)
                            .guest("proxy-1", "52:54:00:06:03:01", "203.0.113.140")
                            .build());
            default -> throw new IllegalArgumentException("no scenario " + scenario);
        };
    }

    static Site site(Network... networks) {
        return new Site("lab", "lab.example", List.of(networks), List.of(), List.of());
    }

    public static NetBuilder bridgeNet(String name, String bridge) {
        return new NetBuilder(name, NetworkMode.BRIDGE, bridge, null, DhcpBackend.LIBVIRT);
    }

    static NetBuilder net(String name, NetworkMode mode, String bridge, String cidr, DhcpBackend backend) {
        return new NetBuilder(name, mode, bridge, Ipv4Cidr.parse(cidr), backend);
    }

    /** Fills a network the way the resolver would: gateway = first host, pools in the upper part. */
    public static final class NetBuilder {
        private final String name;
        private final NetworkMode mode;
        private final String bridge;
        private final Ipv4Cidr cidr;
        private final DhcpBackend backend;
        private final List<Ipv4> forwarders = new ArrayList<>();
        private final List<DnsHost> dnsHosts = new ArrayList<>();
        private final List<Reservation> reservations = new ArrayList<>();
        private Optional<String> forwardDevice = Optional.empty();
        private Optional<Integer> mtu = Optional.empty();
        private boolean dynamicPool = true;

        NetBuilder(String name, NetworkMode mode, String bridge, Ipv4Cidr cidr, DhcpBackend backend) {
            this.name = name;
            this.mode = mode;
            this.bridge = bridge;
            this.cidr = cidr;
            this.backend = backend;
        }

        NetBuilder forwarders(String... ips) {
            for (String ip : ips) {
                forwarders.add(Ipv4.parse(ip));
            }
            return this;
        }

        NetBuilder dnsHost(String ip, String... names) {
            dnsHosts.add(new DnsHost(Ipv4.parse(ip), List.of(names), Origin.NONE));
            return this;
        }

        NetBuilder host(String host, String mac, String ip) {
            reservations.add(new Reservation(host, MacAddress.parse(mac), Ipv4.parse(ip), false, Origin.NONE));
            return this;
        }

        NetBuilder guest(String guest, String mac, String ip) {
            reservations.add(new Reservation(guest, MacAddress.parse(mac), Ipv4.parse(ip), true, Origin.NONE));
            return this;
        }

        public NetBuilder forwardDevice(String dev) {
            forwardDevice = Optional.of(dev);
            return this;
        }

        public NetBuilder mtu(int size) {
            mtu = Optional.of(size);
            return this;
        }

        NetBuilder noDynamicPool() {
            dynamicPool = false;
            return this;
        }

        public Network build() {
            if (cidr == null) {
                return new Network(name, "", mode, bridge, "", Optional.empty(),
                        Optional.empty(), Optional.empty(), backend, forwardDevice, mtu, true, List.of(), List.of(),
                        List.of(), Origin.NONE);
            }
            Ipv4 gateway = cidr.firstHost();
            long size = cidr.lastHost().unsigned() - cidr.firstHost().unsigned() + 1;
            Ipv4 dynStart = cidr.firstHost().plus(size * 3 / 4);
            Optional<AddressRange> dynamic = dynamicPool
                    ? Optional.of(new AddressRange(dynStart, cidr.lastHost())) : Optional.empty();
            AddressRange staticPool = new AddressRange(gateway.plus(9), dynStart.plus(-1));
            Dhcp dhcp = new Dhcp(dynamic, Optional.of(staticPool), Optional.of(3600L));
            List<Reservation> sorted = new ArrayList<>(reservations);
            sorted.sort((a, b) -> a.ip().compareTo(b.ip()));
            return new Network(name, "", mode, bridge, name + ".lab.example",
                    Optional.of(cidr), Optional.of(gateway), Optional.of(dhcp), backend, forwardDevice, mtu, true,
                    List.copyOf(forwarders), List.copyOf(dnsHosts), List.copyOf(sorted), Origin.NONE);
        }
    }
}
