package org.miniascape.model;

/**
 * How guests without {@code host} are put on the site's hosts (top-level {@code placement}), one after the other
 * in configuration order, after the guests that name their host:
 * <ul>
 * <li>{@code spread} (default): on the host with the least memory placed so far, then the fewest vCPUs, then the
 *     first in {@code hosts} order;</li>
 * <li>{@code pack}: on the first host, in {@code hosts} order, that still has room.</li>
 * </ul>
 * Both skip a host whose declared {@code memory} or {@code vcpus} the guest would exceed; a host without declared
 * capacity always has room.
 */
public enum Placement {
    SPREAD, PACK;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
