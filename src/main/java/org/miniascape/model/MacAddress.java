package org.miniascape.model;

import java.util.Locale;

/** A 48-bit Ethernet MAC address, written as lower-case colon-separated hex. */
public record MacAddress(long bits) implements Comparable<MacAddress> {

    public MacAddress {
        if (bits < 0 || bits > 0xffff_ffff_ffffL) {
            throw new IllegalArgumentException("MAC value out of range");
        }
    }

    /** Accepts "52:54:00:aa:bb:cc" and "52-54-00-AA-BB-CC". */
    public static MacAddress parse(String text) {
        String[] parts = text.split("[:-]", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("'" + text + "' is not a MAC address (expected six hex octets)");
        }
        long value = 0;
        for (String p : parts) {
            if (p.length() != 2 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException("'" + text + "' is not a MAC address (bad octet '" + p + "')");
            }
            value = (value << 8) | Integer.parseInt(p, 16);
        }
        return new MacAddress(value);
    }

    /** Multicast MACs (low bit of the first octet) cannot be given to a NIC. */
    public boolean isMulticast() {
        return ((bits >>> 40) & 1) == 1;
    }

    @Override
    public int compareTo(MacAddress other) {
        return Long.compare(bits, other.bits);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(String.format(Locale.ROOT, "%02x", (bits >>> shift) & 0xff));
        }
        return sb.toString();
    }
}
