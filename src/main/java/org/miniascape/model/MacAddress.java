package org.miniascape.model;

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

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Written by hand, not with String.format: a large site writes every MAC several times per guest. */
    @Override
    public String toString() {
        char[] text = new char[17];
        for (int octet = 0; octet < 6; octet++) {
            int value = (int) (bits >>> (40 - 8 * octet)) & 0xff;
            text[3 * octet] = HEX[value >>> 4];
            text[3 * octet + 1] = HEX[value & 0xf];
            if (octet < 5) {
                text[3 * octet + 2] = ':';
            }
        }
        return new String(text);
    }
}
