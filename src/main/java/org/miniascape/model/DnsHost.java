package org.miniascape.model;

import java.util.List;

/** An extra DNS host entry of a network: one address, one or more names. */
public record DnsHost(Ipv4 ip, List<String> names, Origin origin) {
}
