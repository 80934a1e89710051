package org.miniascape.libvirt;

import java.util.List;
import java.util.Optional;

/**
 * One open libvirt connection, and the only view the rest of miniascape has of libvirt: nothing outside this
 * package sees libvirt-java or JNA. Lookups of absent objects give {@link Optional#empty()}; every failure is a
 * {@link org.miniascape.MiniascapeException} (exit 1) carrying libvirt's own message. Calls on one instance are
 * serialized; open one per URI and close it (try-with-resources).
 */
public interface Hypervisor extends HostReader, AutoCloseable {

    /** Opens {@code uri} read-write (test:///…, qemu:///system, qemu+ssh://host/system …); never falls back. */
    static Hypervisor open(String uri) {
        return LibvirtHypervisor.open(uri);
    }

    /** Starts loading the client library in the background; {@link #open} waits for it and reports failures. */
    static void preload() {
        LibvirtHypervisor.preload();
    }

    // ---- networks

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

    // ---- storage

    String definePool(String xml);

    /** Builds the pool's underlying storage (for a dir pool: creates its directory). */
    void buildPool(String name);

    void startPool(String name);

    void stopPool(String name);

    void undefinePool(String name);

    void setPoolAutostart(String name, boolean autostart);

    /** Creates a volume from its XML (a backing store, with its format, is part of that XML). */
    VolumeStatus createVolume(String pool, String xml);

    void deleteVolume(String pool, String name);

    /** virStorageVolUpload: writes {@code data} into the volume from its start (the test driver has no upload). */
    void uploadVolume(String pool, String name, byte[] data);

    // ---- domains

    String defineDomain(String xml);

    void startDomain(String name);

    /** Hard power-off (virDomainDestroy). */
    void stopDomain(String name);

    /** Undefines the domain with its managed save, snapshot metadata and NVRAM. */
    void undefineDomain(String name);

    @Override
    void close();
}
