package org.miniascape.libvirt;

import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import com.sun.jna.ptr.PointerByReference;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.StorageVolInfo;
import org.libvirt.jna.Libvirt;
import org.libvirt.jna.virError;
import org.miniascape.MiniascapeException;

/**
 * {@link Hypervisor} over libvirt-java 0.5.4, plus {@link NativeLibvirt} for what it lacks. Every libvirt object
 * is freed as soon as the call that looked it up is done (the binding would otherwise leave it to a finalizer).
 */
final class LibvirtHypervisor implements Hypervisor {

    /**
     * libvirt's default error handler prints every error to stderr; ours says nothing (errors reach the caller as
     * exceptions). A static field, because libvirt keeps only a native pointer to it: if the callback object
     * were garbage-collected, libvirt would call freed memory.
     */
    private static final Libvirt.VirErrorCallback SILENT = new Libvirt.VirErrorCallback() {
        @Override
        public void errorCallback(Pointer userData, virError error) {
            // Deliberately empty.
        }
    };

    private static final Set<ErrorNumber> NOT_FOUND = EnumSet.of(ErrorNumber.VIR_ERR_NO_NETWORK,
            ErrorNumber.VIR_ERR_NO_DOMAIN, ErrorNumber.VIR_ERR_NO_STORAGE_POOL, ErrorNumber.VIR_ERR_NO_STORAGE_VOL);

    /** VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | SNAPSHOTS_METADATA, and NVRAM where the driver knows it. */
    private static final int UNDEFINE_ALL = 1 | 2;
    private static final int UNDEFINE_NVRAM = 4;

    private static Field networkPointer;

    /** Runs {@link #initialize()} on a daemon thread; a failure there is reported by {@link #open} instead. */
    static void preload() {
        Thread t = new Thread(() -> {
            try {
                initialize();
            } catch (RuntimeException | LinkageError e) {
                // open() initializes again and reports it
            }
        }, "miniascape-libvirt-load");
        t.setDaemon(true);
        t.start();
    }

    /** Loads libvirt once: the error callback goes in before the first connection. */
    private static synchronized void initialize() {
        if (networkPointer != null) {
            return;
        }
        try {
            Connect.setErrorCallback(SILENT);
            Field f = Network.class.getDeclaredField("vnp");
            f.setAccessible(true);
            networkPointer = f;
        } catch (LinkageError e) {
            throw MiniascapeException.failed("cannot load libvirt's client library (libvirt.so.0; Debian package"
                    + " libvirt0): " + e, e);
        } catch (LibvirtException | NoSuchFieldException e) {
            throw new IllegalStateException("unexpected libvirt-java: " + e, e);
        }
    }

    private final Connect conn;
    private final String uri;

    private LibvirtHypervisor(Connect conn, String uri) {
        this.conn = conn;
        this.uri = uri;
    }

    static Hypervisor open(String uri) {
        initialize();
        try {
            Connect c = new Connect(uri, false);
            return new LibvirtHypervisor(c, c.getURI());
        } catch (LibvirtException e) {
            throw MiniascapeException.failed("cannot connect to libvirt at " + uri + ": " + message(e), e);
        }
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public synchronized HostCapacity capacity() {
        int cpus = call("read the host's processors", () -> Math.max(1, conn.nodeInfo().cpus));
        java.util.OptionalLong free;
        try {
            free = java.util.OptionalLong.of(conn.getFreeMemory() / (1024 * 1024));
        } catch (LibvirtException e) {
            free = java.util.OptionalLong.empty(); // not every driver tells it (the test driver does not)
        }
        return new HostCapacity(cpus, free);
    }

    @Override
    public synchronized long libvirtVersion() {
        return call("libvirt version", conn::getLibVersion);
    }

    // ---- networks

    @Override
    public synchronized List<NetworkStatus> networks() {
        Set<String> names = call("list networks", () -> {
            Set<String> all = new TreeSet<>(Arrays.asList(conn.listNetworks()));
            all.addAll(Arrays.asList(conn.listDefinedNetworks()));
            return all;
        });
        List<NetworkStatus> out = new ArrayList<>();
        for (String n : names) {
            network(n).ifPresent(out::add); // gone in between: not listed
        }
        return out;
    }

    @Override
    public synchronized Optional<NetworkStatus> network(String name) {
        return find(() -> conn.networkLookupByName(name), Network::free, n -> {
            String bridge;
            try {
                bridge = n.getBridgeName();
            } catch (LibvirtException e) {
                bridge = ""; // some drivers have no bridge for some forward modes
            }
            return new NetworkStatus(n.getName(), n.isActive() == 1, n.isPersistent() == 1, n.getAutostart(),
                    bridge == null ? "" : bridge);
        });
    }

    @Override
    public synchronized String networkXml(String name, boolean inactive) {
        // VIR_NETWORK_XML_INACTIVE = 1. An inactive network's live XML is its config; the test driver keeps one
        // definition only and rejects the flag.
        return withNetwork(name, "read network", n -> {
            if (!inactive || n.isActive() != 1) {
                return n.getXMLDesc(0);
            }
            try {
                return n.getXMLDesc(1);
            } catch (LibvirtException e) {
                if (e.getError() == null || e.getError().getCode() != ErrorNumber.VIR_ERR_INVALID_ARG) {
                    throw e;
                }
                return n.getXMLDesc(0);
            }
        });
    }

    @Override
    public synchronized String defineNetwork(String xml) {
        return call("define network", () -> {
            Network n = conn.networkDefineXML(xml);
            try {
                return n.getName();
            } finally {
                n.free();
            }
        });
    }

    @Override
    public synchronized void undefineNetwork(String name) {
        withNetwork(name, "undefine network", n -> {
            n.undefine();
            return null;
        });
    }

    @Override
    public synchronized void startNetwork(String name) {
        withNetwork(name, "start network", n -> {
            n.create();
            return null;
        });
    }

    @Override
    public synchronized void stopNetwork(String name) {
        withNetwork(name, "stop network", n -> {
            n.destroy();
            return null;
        });
    }

    @Override
    public synchronized void setNetworkAutostart(String name, boolean autostart) {
        withNetwork(name, "set autostart of network", n -> {
            n.setAutostart(autostart);
            return null;
        });
    }

    @Override
    public synchronized void updateNetwork(String name, NetworkUpdate u) {
        withNetwork(name, "update network", n -> {
            int flags = switch (u.scope()) {
                case BOTH -> NativeLibvirt.AFFECT_CONFIG | (n.isActive() == 1 ? NativeLibvirt.AFFECT_LIVE : 0);
                case CONFIG -> NativeLibvirt.AFFECT_CONFIG;
                case LIVE -> NativeLibvirt.AFFECT_LIVE;
            };
            int r = NativeLibvirt.LIB.virNetworkUpdate(nativeNetwork(n), u.command().value, u.section().value,
                    u.parentIndex(), u.xml(), flags);
            if (r < 0) {
                throw MiniascapeException.failed("update network " + name + " (" + u.command() + " "
                        + u.section() + "): " + NativeLibvirt.LIB.virGetLastErrorMessage());
            }
            return null;
        });
    }

    @Override
    public synchronized List<DhcpLease> leases(String network) {
        return withNetwork(network, "read DHCP leases of network", n -> {
            if (n.isActive() != 1) {
                return List.of();
            }
            PointerByReference ref = new PointerByReference();
            int count = NativeLibvirt.LIB.virNetworkGetDHCPLeases(nativeNetwork(n), null, ref, 0);
            if (count < 0 && NativeLibvirt.LIB.virGetLastErrorCode() == NativeLibvirt.VIR_ERR_NO_SUPPORT) {
                return List.of(); // a driver that keeps no leases (test)
            }
            if (count < 0) {
                throw MiniascapeException.failed("read DHCP leases of network " + network + ": "
                        + NativeLibvirt.LIB.virGetLastErrorMessage());
            }
            Pointer array = ref.getValue();
            List<DhcpLease> out = new ArrayList<>(count);
            try {
                for (int i = 0; i < count; i++) {
                    NativeLibvirt.Lease l = new NativeLibvirt.Lease(array.getPointer((long) i * com.sun.jna.Native.POINTER_SIZE));
                    out.add(new DhcpLease(l.iface, l.expirytime, l.mac, l.ipaddr, l.prefix,
                            Optional.ofNullable(l.hostname), Optional.ofNullable(l.clientid)));
                }
            } finally {
                if (array != null) {
                    for (int i = 0; i < count; i++) {
                        NativeLibvirt.LIB.virNetworkDHCPLeaseFree(array.getPointer((long) i * com.sun.jna.Native.POINTER_SIZE));
                    }
                    com.sun.jna.Native.free(Pointer.nativeValue(array));
                }
            }
            out.sort(Comparator.comparing(DhcpLease::ip).thenComparing(DhcpLease::mac));
            return out;
        });
    }

    /** The virNetworkPtr the binding holds; valid until {@code n.free()}. */
    static Pointer nativeNetwork(Network n) {
        try {
            return ((PointerType) networkPointer.get(n)).getPointer();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("libvirt-java's Network has no accessible handle", e);
        }
    }

    // ---- storage pools

    @Override
    public synchronized List<PoolStatus> pools() {
        Set<String> names = call("list storage pools", () -> {
            Set<String> all = new TreeSet<>(Arrays.asList(conn.listStoragePools()));
            all.addAll(Arrays.asList(conn.listDefinedStoragePools()));
            return all;
        });
        List<PoolStatus> out = new ArrayList<>();
        for (String p : names) {
            pool(p).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public synchronized Optional<PoolStatus> pool(String name) {
        return find(() -> conn.storagePoolLookupByName(name), StoragePool::free,
                p -> new PoolStatus(p.getName(), p.isActive() == 1, p.isPersistent() == 1, p.getAutostart()));
    }

    @Override
    public synchronized String poolXml(String name) {
        return withPool(name, "read storage pool", p -> p.getXMLDesc(0));
    }

    @Override
    public synchronized String definePool(String xml) {
        return call("define storage pool", () -> {
            StoragePool p = conn.storagePoolDefineXML(xml, 0);
            try {
                return p.getName();
            } finally {
                p.free();
            }
        });
    }

    @Override
    public synchronized void buildPool(String name) {
        withPool(name, "build storage pool", p -> {
            p.build(0);
            return null;
        });
    }

    @Override
    public synchronized void startPool(String name) {
        withPool(name, "start storage pool", p -> {
            p.create(0);
            return null;
        });
    }

    @Override
    public synchronized void stopPool(String name) {
        withPool(name, "stop storage pool", p -> {
            p.destroy();
            return null;
        });
    }

    @Override
    public synchronized void undefinePool(String name) {
        withPool(name, "undefine storage pool", p -> {
            p.undefine();
            return null;
        });
    }

    @Override
    public synchronized void setPoolAutostart(String name, boolean autostart) {
        withPool(name, "set autostart of storage pool", p -> {
            p.setAutostart(autostart ? 1 : 0);
            return null;
        });
    }

    // ---- volumes

    @Override
    public synchronized List<VolumeStatus> volumes(String pool) {
        // One lookup of the pool for all its volumes (not one per volume): a pool of thousands of volumes.
        return withPool(pool, "list volumes of storage pool", p -> {
            if (p.isActive() != 1) {
                return List.<VolumeStatus>of();
            }
            p.refresh(0);
            List<String> names = new ArrayList<>(Arrays.asList(p.listVolumes()));
            names.sort(null);
            List<VolumeStatus> out = new ArrayList<>();
            for (String v : names) {
                // a volume deleted since the listing is not there
                find(() -> p.storageVolLookupByName(v), StorageVol::free, vol -> volumeStatus(pool, vol))
                        .ifPresent(out::add);
            }
            return out;
        });
    }

    @Override
    public synchronized List<String> volumeNames(String pool) {
        return withPool(pool, "list volumes of storage pool", p -> {
            if (p.isActive() != 1) {
                return List.<String>of();
            }
            p.refresh(0);
            List<String> names = new ArrayList<>(Arrays.asList(p.listVolumes()));
            names.sort(null);
            return names;
        });
    }

    @Override
    public synchronized Optional<VolumeStatus> volume(String pool, String name) {
        return withPool(pool, "look up volume in storage pool", p -> {
            if (p.isActive() != 1) {
                return Optional.<VolumeStatus>empty();
            }
            return find(() -> p.storageVolLookupByName(name), StorageVol::free, v -> volumeStatus(pool, v));
        });
    }

    @Override
    public synchronized String volumeXml(String pool, String name) {
        return withVolume(pool, name, "read volume", v -> v.getXMLDesc(0));
    }

    @Override
    public synchronized VolumeStatus createVolume(String pool, String xml) {
        return withPool(pool, "create volume in storage pool", p -> {
            StorageVol v = p.storageVolCreateXML(xml, 0);
            try {
                return volumeStatus(pool, v);
            } finally {
                v.free();
            }
        });
    }

    @Override
    public synchronized void uploadVolume(String pool, String name, byte[] data) {
        withVolume(pool, name, "upload to volume", v -> {
            org.libvirt.Stream stream = conn.streamNew(0);
            try {
                v.upload(stream, 0, data.length, 0);
                int sent = 0;
                while (sent < data.length) {
                    int n = stream.send(java.util.Arrays.copyOfRange(data, sent, Math.min(data.length,
                            sent + 256 * 1024)));
                    if (n <= 0) {
                        throw new IllegalStateException("the upload stream took no data");
                    }
                    sent += n;
                }
                stream.finish();
            } catch (LibvirtException | RuntimeException e) {
                stream.abort();
                throw e;
            } finally {
                stream.free();
            }
            return null;
        });
    }

    @Override
    public synchronized void deleteVolume(String pool, String name) {
        withVolume(pool, name, "delete volume", v -> {
            v.delete(0);
            return null;
        });
    }

    private static VolumeStatus volumeStatus(String pool, StorageVol v) throws LibvirtException {
        StorageVolInfo info = v.getInfo();
        return new VolumeStatus(pool, v.getName(), v.getPath(), info.capacity, info.allocation);
    }

    // ---- domains

    @Override
    public synchronized List<DomainStatus> domains() {
        // A few listings instead of two calls per domain (its info, whether it is persistent): on a host of
        // thousands of domains that is what a plan's time is made of. A domain whose state no listing filter names
        // (blocked, shutting down, crashed, suspended) or that changed between the listings is asked on its own.
        Set<String> persistent = domainNames(LIST_PERSISTENT);
        Set<String> running = domainNames(LIST_RUNNING);
        Set<String> paused = domainNames(LIST_PAUSED);
        Set<String> shutoff = domainNames(LIST_SHUTOFF);
        Domain[] all = call("list domains", () -> conn.listAllDomains(0));
        List<DomainStatus> out = new ArrayList<>();
        try {
            for (Domain d : all) {
                String name = call("read domain", d::getName);
                DomainStatus.State state = running.contains(name) ? DomainStatus.State.RUNNING
                        : paused.contains(name) ? DomainStatus.State.PAUSED
                        : shutoff.contains(name) ? DomainStatus.State.SHUTOFF : null;
                if (state != null && (persistent.contains(name) || state != DomainStatus.State.SHUTOFF)) {
                    out.add(new DomainStatus(name, state, persistent.contains(name)));
                } else {
                    findStatus(d).ifPresent(out::add);
                }
            }
        } finally {
            for (Domain d : all) {
                call("free domain", d::free);
            }
        }
        out.sort(Comparator.comparing(DomainStatus::name));
        return out;
    }

    /** virConnectListAllDomains flags. */
    private static final int LIST_PERSISTENT = 4;
    private static final int LIST_RUNNING = 16;
    private static final int LIST_PAUSED = 32;
    private static final int LIST_SHUTOFF = 64;

    /** The names of the domains that virConnectListAllDomains gives for {@code flags}. */
    private Set<String> domainNames(int flags) {
        Domain[] listed = call("list domains", () -> conn.listAllDomains(flags));
        Set<String> names = new HashSet<>();
        try {
            for (Domain d : listed) {
                names.add(call("read domain", d::getName));
            }
        } finally {
            for (Domain d : listed) {
                call("free domain", d::free);
            }
        }
        return names;
    }

    /** A domain's status asked of it alone; empty when it went away meanwhile. */
    private Optional<DomainStatus> findStatus(Domain d) {
        try {
            return Optional.of(domainStatus(d));
        } catch (LibvirtException e) {
            if (e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                return Optional.empty();
            }
            throw MiniascapeException.failed("read domain: " + message(e), e);
        }
    }

    @Override
    public synchronized Optional<DomainStatus> domain(String name) {
        return find(() -> conn.domainLookupByName(name), Domain::free, LibvirtHypervisor::domainStatus);
    }

    private static DomainStatus domainStatus(Domain d) throws LibvirtException {
        DomainInfo info = d.getInfo();
        DomainStatus.State state = DomainStatus.State.values()[info.state.ordinal()];
        return new DomainStatus(d.getName(), state, d.isPersistent() == 1);
    }

    @Override
    public synchronized String domainXml(String name, boolean inactive) {
        // VIR_DOMAIN_XML_INACTIVE = 2
        return withDomain(name, "read domain", d -> d.getXMLDesc(inactive ? 2 : 0));
    }

    /** At most this many XML reads at once on the connection: libvirtd serves 5 requests of a client at a time. */
    static final int PARALLEL_READS = 4;

    /**
     * One listing, then each named domain's XML read from its listed handle (one call, where a lookup by name is
     * two), {@link #PARALLEL_READS} at once: libvirt's connections take calls from several threads, and the
     * daemon answers them in parallel. A domain that went away meanwhile is left out.
     */
    @Override
    public synchronized Map<String, String> domainXmls(Collection<String> names, boolean inactive) {
        Set<String> wanted = new HashSet<>(names);
        if (wanted.isEmpty()) {
            return Map.of();
        }
        Domain[] all = call("list domains", () -> conn.listAllDomains(0));
        try {
            List<Domain> read = new ArrayList<>();
            List<String> readNames = new ArrayList<>();
            for (Domain d : all) {
                String name = call("read domain", d::getName);
                if (wanted.contains(name)) {
                    read.add(d);
                    readNames.add(name);
                }
            }
            String[] xml = new String[read.size()];
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicReference<RuntimeException> failed =
                    new java.util.concurrent.atomic.AtomicReference<>();
            Runnable reader = () -> {
                int at = next.getAndIncrement();
                for (; at < xml.length && failed.get() == null; at = next.getAndIncrement()) {
                    try {
                        xml[at] = findXml(read.get(at), inactive).orElse(null);
                    } catch (RuntimeException e) {
                        failed.compareAndSet(null, e);
                    }
                }
            };
            int threads = Math.min(PARALLEL_READS, xml.length);
            List<Thread> started = new ArrayList<>();
            for (int t = 1; t < threads; t++) {
                Thread th = new Thread(reader, "miniascape-read-" + t);
                th.setDaemon(true);
                th.start();
                started.add(th);
            }
            reader.run();
            // Every reader is waited for, even when interrupted: the handles are freed below.
            boolean interrupted = false;
            for (Thread t : started) {
                while (t.isAlive()) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                        failed.compareAndSet(null, MiniascapeException.failed("read domains: interrupted", e));
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failed.get() != null) {
                throw failed.get();
            }
            Map<String, String> out = new java.util.LinkedHashMap<>();
            for (int i = 0; i < xml.length; i++) {
                if (xml[i] != null) {
                    out.put(readNames.get(i), xml[i]);
                }
            }
            return out;
        } finally {
            for (Domain d : all) {
                call("free domain", d::free);
            }
        }
    }

    /** A listed domain's XML; empty when it went away meanwhile. */
    private static Optional<String> findXml(Domain d, boolean inactive) {
        try {
            return Optional.of(d.getXMLDesc(inactive ? 2 : 0));
        } catch (LibvirtException e) {
            if (e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                return Optional.empty();
            }
            throw MiniascapeException.failed("read domain: " + message(e), e);
        }
    }

    @Override
    public synchronized String defineDomain(String xml) {
        return call("define domain", () -> {
            Domain d = conn.domainDefineXML(xml);
            try {
                return d.getName();
            } finally {
                d.free();
            }
        });
    }

    @Override
    public synchronized void startDomain(String name) {
        withDomain(name, "start domain", d -> {
            d.create();
            return null;
        });
    }

    @Override
    public synchronized void stopDomain(String name) {
        withDomain(name, "stop domain", d -> {
            d.destroy();
            return null;
        });
    }

    @Override
    public synchronized void undefineDomain(String name) {
        withDomain(name, "undefine domain", d -> {
            try {
                d.undefine(UNDEFINE_ALL | UNDEFINE_NVRAM);
            } catch (LibvirtException e) {
                if (e.getError() == null || e.getError().getCode() != ErrorNumber.VIR_ERR_INVALID_ARG) {
                    throw e;
                }
                d.undefine(UNDEFINE_ALL); // a driver without NVRAM support (test) rejects the flag
            }
            return null;
        });
    }

    @Override
    public synchronized void close() {
        try {
            conn.close();
        } catch (LibvirtException e) {
            throw MiniascapeException.failed("closing the libvirt connection to " + uri + ": " + message(e), e);
        }
    }

    // ---- plumbing

    @FunctionalInterface
    private interface LvCall<R> {
        R run() throws LibvirtException;
    }

    @FunctionalInterface
    private interface LvFunction<T, R> {
        R apply(T t) throws LibvirtException;
    }

    @FunctionalInterface
    private interface LvFree<T> {
        int free(T t) throws LibvirtException;
    }

    private <R> R call(String what, LvCall<R> c) {
        try {
            return c.run();
        } catch (LibvirtException e) {
            throw MiniascapeException.failed(what + ": " + message(e), e);
        }
    }

    /** Looks an object up, maps it, frees it; "no such object" is empty. */
    private <T, R> Optional<R> find(LvCall<T> lookup, LvFree<T> free, LvFunction<T, R> map) {
        T obj;
        try {
            obj = lookup.run();
        } catch (LibvirtException e) {
            if (e.getError() != null && NOT_FOUND.contains(e.getError().getCode())) {
                return Optional.empty();
            }
            throw MiniascapeException.failed("libvirt lookup failed: " + message(e), e);
        }
        try {
            return Optional.of(map.apply(obj));
        } catch (LibvirtException e) {
            throw MiniascapeException.failed(message(e), e);
        } finally {
            try {
                free.free(obj);
            } catch (LibvirtException e) {
                throw MiniascapeException.failed("freeing a libvirt object: " + message(e), e);
            }
        }
    }

    private <R> R withNetwork(String name, String what, LvFunction<Network, R> fn) {
        return with(() -> conn.networkLookupByName(name), Network::free, what + " " + name, fn);
    }

    private <R> R withPool(String name, String what, LvFunction<StoragePool, R> fn) {
        return with(() -> conn.storagePoolLookupByName(name), StoragePool::free, what + " " + name, fn);
    }

    private <R> R withDomain(String name, String what, LvFunction<Domain, R> fn) {
        return with(() -> conn.domainLookupByName(name), Domain::free, what + " " + name, fn);
    }

    private <R> R withVolume(String pool, String name, String what, LvFunction<StorageVol, R> fn) {
        return withPool(pool, what + " " + name + " in storage pool", p ->
                with(() -> p.storageVolLookupByName(name), StorageVol::free, what + " " + pool + "/" + name, fn));
    }

    private <T, R> R with(LvCall<T> lookup, LvFree<T> free, String what, LvFunction<T, R> fn) {
        T obj = call(what, lookup);
        try {
            return fn.apply(obj);
        } catch (LibvirtException e) {
            throw MiniascapeException.failed(what + ": " + message(e), e);
        } finally {
            call("free after " + what, () -> free.free(obj));
        }
    }

    private static String message(LibvirtException e) {
        String m = e.getError() != null ? e.getError().getMessage() : e.getMessage();
        return m == null ? "unknown libvirt error" : m;
    }
}
