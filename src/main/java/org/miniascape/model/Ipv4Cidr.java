package org.miniascape.model;

/** An IPv4 subnet: its network address and prefix length. The address has no host bits set. */
public record Ipv4Cidr(Ipv4 network, int prefix) {

    public Ipv4Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix length " + prefix + " is not between 0 and 32");
        }
        if ((network.bits() & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException(network + "/" + prefix + " has host bits set (the network is "
                    + new Ipv4(network.bits() & mask(prefix)) + "/" + prefix + ")");
        }
    }

    /** Parses "a.b.c.d/n"; host bits must be zero. */
    public static Ipv4Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR (expected ADDRESS/PREFIX)");
        }
        String len = text.substring(slash + 1);
        if (len.isEmpty() || len.length() > 2 || !len.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
        }
        return new Ipv4Cidr(Ipv4.parse(text.substring(0, slash)), Integer.parseInt(len));
    }

    /** From an address and a dotted netmask (the 0.3 config style). */
    public static Ipv4Cidr fromNetmask(Ipv4 address, Ipv4 netmask) {
        int m = netmask.bits();
        int prefix = Integer.bitCount(m);
        if (m != mask(prefix)) {
            throw new IllegalArgumentException("netmask " + netmask + " is not contiguous");
        }
        return new Ipv4Cidr(new Ipv4(address.bits() & m), prefix);
    }

    static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    public Ipv4 netmask() {
        return new Ipv4(mask(prefix));
    }

    public Ipv4 broadcast() {
        return new Ipv4(network.bits() | ~mask(prefix));
    }

    public Ipv4 firstHost() {
        return prefix >= 31 ? network : network.plus(1);
    }

    public Ipv4 lastHost() {
        return prefix >= 31 ? broadcast() : new Ipv4(broadcast().bits() - 1);
    }

    public boolean contains(Ipv4 address) {
        return (address.bits() & mask(prefix)) == network.bits();
    }

    /** True when the address is a usable host address (not the network or broadcast address). */
    public boolean containsHost(Ipv4 address) {
        return contains(address) && address.compareTo(firstHost()) >= 0 && address.compareTo(lastHost()) <= 0;
    }

    public boolean overlaps(Ipv4Cidr other) {
        int shorter = Math.min(prefix, other.prefix);
        return (network.bits() & mask(shorter)) == (other.network.bits() & mask(shorter));
    }

    @Override
    public String toString() {
        return network + "/" + prefix;
    }
}
