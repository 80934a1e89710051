package org.miniascape.libvirt;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A {@link HostReader} that asks libvirt each question once and answers it again from memory: one consistent
 * view of the host for one pass that only reads (a plan, one {@code status}), where the same network's XML or a
 * domain's status is asked for by several checks. Never for what runs after changes (the executor, the waits
 * for readiness): it would answer from before them. A failed read is not remembered (it is asked again).
 */
public final class ReadOnceHost implements HostReader {

    private final HostReader host;
    private final Map<String, Object> answers = new ConcurrentHashMap<>();

    private ReadOnceHost(HostReader host) {
        this.host = host;
    }

    /** {@code host} reading each thing once (itself when it already does). */
    public static HostReader of(HostReader host) {
        return host instanceof ReadOnceHost ? host : new ReadOnceHost(host);
    }

    /**
     * The answer to the question {@code key}, read by {@code read} the first time. Not computeIfAbsent: a read may
     * ask another question of this reader, and two threads reading the same thing at once both get the same answer
     * from libvirt.
     */
    @SuppressWarnings("unchecked")
    private <T> T once(String key, Function<HostReader, T> read) {
        Object known = answers.get(key);
        if (known == null) {
            known = read.apply(host);
            Object first = answers.putIfAbsent(key, known);
            if (first != null) {
                known = first;
            }
        }
        return (T) known;
    }

    private static String key(String... parts) {
        return String.join("\u0000", parts);
    }

    @Override
    public String uri() {
        return once("uri", HostReader::uri);
    }

    @Override
    public HostCapacity capacity() {
        return once("capacity", HostReader::capacity);
    }

    @Override
    public long libvirtVersion() {
        return once("version", HostReader::libvirtVersion);
    }

    @Override
    public List<NetworkStatus> networks() {
        return once("networks", HostReader::networks);
    }

    /**
     * From the listing of every network, read once, as {@link #domain}: a plan's preflight lists them all anyway,
     * and a network not defined is then known without a lookup that fails.
     */
    @Override
    public Optional<NetworkStatus> network(String name) {
        Map<String, NetworkStatus> byName = once("networks-by-name", h -> {
            Map<String, NetworkStatus> m = new java.util.HashMap<>();
            networks().forEach(n -> m.put(n.name(), n));
            return m;
        });
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public String networkXml(String name, boolean inactive) {
        return once(key("network-xml", name, String.valueOf(inactive)), h -> h.networkXml(name, inactive));
    }

    @Override
    public List<DhcpLease> leases(String network) {
        return once(key("leases", network), h -> h.leases(network));
    }

    @Override
    public boolean runsGuests() {
        return once("runs-guests", HostReader::runsGuests);
    }

    @Override
    public List<PoolStatus> pools() {
        return once("pools", HostReader::pools);
    }

    @Override
    public Optional<PoolStatus> pool(String name) {
        return once(key("pool", name), h -> h.pool(name));
    }

    @Override
    public String poolXml(String name) {
        return once(key("pool-xml", name), h -> h.poolXml(name));
    }

    @Override
    public List<VolumeStatus> volumes(String pool) {
        return once(key("volumes", pool), h -> h.volumes(pool));
    }

    @Override
    public List<String> volumeNames(String pool) {
        return once(key("volume-names", pool), h -> h.volumeNames(pool));
    }

    @Override
    public Optional<VolumeStatus> volume(String pool, String name) {
        return once(key("volume", pool, name), h -> h.volume(pool, name));
    }

    @Override
    public String volumeXml(String pool, String name) {
        return once(key("volume-xml", pool, name), h -> h.volumeXml(pool, name));
    }

    @Override
    public List<DomainStatus> domains() {
        return once("domains", HostReader::domains);
    }

    /**
     * From the listing of every domain, read once: a few calls to libvirt for the whole host, where asking each
     * domain on its own is three calls per domain, the largest part of a plan of thousands of guests.
     */
    @Override
    public Optional<DomainStatus> domain(String name) {
        Map<String, DomainStatus> byName = once("domains-by-name", h -> {
            Map<String, DomainStatus> m = new java.util.HashMap<>();
            domains().forEach(d -> m.put(d.name(), d));
            return m;
        });
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public String domainXml(String name, boolean inactive) {
        return once(key("domain-xml", name, String.valueOf(inactive)), h -> h.domainXml(name, inactive));
    }

    /** The domains not read yet are read together (by the host, if it can, with fewer calls), and remembered. */
    @Override
    public Map<String, String> domainXmls(java.util.Collection<String> names, boolean inactive) {
        String flag = String.valueOf(inactive);
        List<String> unread = names.stream().filter(n -> !answers.containsKey(key("domain-xml", n, flag))).toList();
        if (!unread.isEmpty()) {
            host.domainXmls(unread, inactive).forEach((n, xml) -> answers.putIfAbsent(key("domain-xml", n, flag), xml));
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String n : names) {
            Object xml = answers.get(key("domain-xml", n, flag));
            if (xml != null) {
                out.put(n, (String) xml);
            }
        }
        return out;
    }
}
