package org.miniascape.migrate;

/** 0.3's network + netmask (or gateway + netmask) as a CIDR. */
final class Addresses {
    private Addresses() {
    }

    /** "N.N.N.N/P", or null when the netmask is not a contiguous IPv4 mask or no address is given. */
    static String cidr(String network, String gateway, String netmask) {
        Long mask = ipv4(netmask);
        Long base = ipv4(network != null ? network : gateway);
        if (mask == null || base == null) {
            return null;
        }
        int prefix = Long.bitCount(mask);
        long expected = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        if (mask != expected) {
            return null;
        }
        long net = base & mask;
        return ((net >> 24) & 255) + "." + ((net >> 16) & 255) + "." + ((net >> 8) & 255) + "." + (net & 255)
                + "/" + prefix;
    }

    private static Long ipv4(String s) {
        if (s == null) {
            return null;
        }
        String[] parts = s.trim().split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        long v = 0;
        for (String p : parts) {
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > 255) {
                return null;
            }
            v = v << 8 | Integer.parseInt(p);
        }
        return v;
    }
}
