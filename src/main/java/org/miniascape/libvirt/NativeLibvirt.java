package org.miniascape.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;

/**
 * The libvirt calls libvirt-java 0.5.4 lacks, bound to the same libvirt.so.0 it uses. They take the raw
 * virNetworkPtr that the binding's Network object holds (see {@link LibvirtHypervisor#nativeNetwork}).
 */
interface NativeLibvirt extends Library {

    NativeLibvirt LIB = Native.load("libvirt.so.0", NativeLibvirt.class);

    /** virNetworkUpdateFlags. */
    int AFFECT_LIVE = 1;
    int AFFECT_CONFIG = 2;

    int virNetworkUpdate(Pointer network, int command, int section, int parentIndex, String xml, int flags);

    /** Returns the number of leases and fills {@code leases} with a malloc'ed array of lease pointers. */
    int virNetworkGetDHCPLeases(Pointer network, String mac, PointerByReference leases, int flags);

    void virNetworkDHCPLeaseFree(Pointer lease);

    /** virErrorNumber of the calling thread's last error. */
    int virGetLastErrorCode();

    int VIR_ERR_NO_SUPPORT = 3;

    /** The calling thread's last error message ("unknown error" when there is none). */
    String virGetLastErrorMessage();

    /** struct _virNetworkDHCPLease, field for field. */
    @Structure.FieldOrder({"iface", "expirytime", "type", "mac", "iaid", "ipaddr", "prefix", "hostname",
        "clientid"})
    final class Lease extends Structure {
        public String iface;
        public long expirytime;
        public int type;
        public String mac;
        public String iaid;
        public String ipaddr;
        public int prefix;
        public String hostname;
        public String clientid;

        public Lease(Pointer p) {
            super(p);
            read();
        }
    }
}
