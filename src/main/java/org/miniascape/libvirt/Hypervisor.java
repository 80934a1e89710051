package org.miniascape.libvirt;

import java.util.List;
import java.util.Optional;

/**
 * One open libvirt connection, and the only view the rest of miniascape has of libvirt: nothing outside this
 * package sees libvirt-java or JNA. Lookups of absent objects give {@link Optional#empty()}; every failure is a
 * {@link org.miniascape.MiniascapeException} (exit 1) carrying libvirt's own message. Calls on one instance are
 * serialized; open one per URI and close it (try-with-resources).
 */
public interface Hypervisor extends AutoCloseable {

    /** Opens {@code uri} read-write (test:///…, qemu:///system, qemu+ssh://host/system …); never falls back. */
    static Hypervisor open(String uri) {
        return LibvirtHypervisor.open(uri);
    }

    /** Starts loading the client library in the background; {@link #open} waits for it and reports failures. */
    static void preload() {
        LibvirtHypervisor.preload();
    }

    /** The URI libvirt reports for the connection. */
    String uri();

    /** The libvirt version of the connected daemon, as major*1,000,000 + minor*1,000 + micro. */
    long libvirtVersion();

    // ---- networks

    /** Every network, defined (persistent) and transient-active alike, sorted by name. */
    List<NetworkStatus> networks();

    Optional<NetworkStatus> network(String name);

    /** The network's XML: {@code inactive} gives the persistent config, otherwise the live definition. */
    String networkXml(String name, boolean inactive);

    /** Defines (or redefines) a persistent network; returns its name. */
    String defineNetwork(String xml);

    void undefineNetwork(String name);

    void startNetwork(String name);

    void stopNetwork(String name);

    void setNetworkAutostart(String name, boolean autostart);

    /**
     * virNetworkUpdate: one section change, applied as its scope says (usually to the config and, when the network
     * is active, to the running network).
     */
    void updateNetwork(String name, NetworkUpdate update);

    /**
     * virNetworkGetDHCPLeases: the network's current leases (empty for an inactive network, and for a driver that
     * keeps none, such as test).
     */
    List<DhcpLease> leases(String network);

    // ---- storage

    List<PoolStatus> pools();

    Optional<PoolStatus> pool(String name);

    String poolXml(String name);

    String definePool(String xml);

    /** Builds the pool's underlying storage (for a dir pool: creates its directory). */
    void buildPool(String name);

    void startPool(String name);

    void stopPool(String name);

    void undefinePool(String name);

    void setPoolAutostart(String name, boolean autostart);

    /** The pool's volumes, sorted by name (after a refresh, so files created behind libvirt's back show). */
    List<VolumeStatus> volumes(String pool);

    Optional<VolumeStatus> volume(String pool, String name);

    String volumeXml(String pool, String name);

    /** Creates a volume from its XML (a backing store, with its format, is part of that XML). */
    VolumeStatus createVolume(String pool, String xml);

    void deleteVolume(String pool, String name);

    // ---- domains

    List<DomainStatus> domains();

    Optional<DomainStatus> domain(String name);

    /** The domain's XML: {@code inactive} gives the persistent config, otherwise the live definition. */
    String domainXml(String name, boolean inactive);

    String defineDomain(String xml);

    void startDomain(String name);

    /** Hard power-off (virDomainDestroy). */
    void stopDomain(String name);

    /** Undefines the domain with its managed save, snapshot metadata and NVRAM. */
    void undefineDomain(String name);

    @Override
    void close();
}
