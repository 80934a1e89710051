package org.miniascape.model;

/** An inclusive range of IPv4 addresses. */
public record AddressRange(Ipv4 start, Ipv4 end) {

    public boolean contains(Ipv4 address) {
        return address.compareTo(start) >= 0 && address.compareTo(end) <= 0;
    }

    public boolean overlaps(AddressRange other) {
        return start.compareTo(other.end) <= 0 && other.start.compareTo(end) <= 0;
    }

    public long size() {
        return end.unsigned() - start.unsigned() + 1;
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
