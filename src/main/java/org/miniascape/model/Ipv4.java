package org.miniascape.model;

/** An IPv4 address as an unsigned 32-bit value; ordered numerically. */
public record Ipv4(int bits) implements Comparable<Ipv4> {

    /** Parses dotted-quad notation strictly (four decimal octets, no leading zeros beyond "0"). */
    public static Ipv4 parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
        }
        int value = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (octet " + p + " > 255)");
            }
            value = (value << 8) | octet;
        }
        return new Ipv4(value);
    }

    public long unsigned() {
        return Integer.toUnsignedLong(bits);
    }

    public Ipv4 plus(long n) {
        return new Ipv4((int) (unsigned() + n));
    }

    @Override
    public int compareTo(Ipv4 other) {
        return Integer.compareUnsigned(bits, other.bits);
    }

    public boolean isAfter(Ipv4 other) {
        return compareTo(other) > 0;
    }

    /** The reverse-DNS name, e.g. 1.151.168.192.in-addr.arpa. */
    public String reverseName() {
        return (bits & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + ((bits >>> 16) & 0xff) + "."
                + (bits >>> 24) + ".in-addr.arpa";
    }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
    }
}
