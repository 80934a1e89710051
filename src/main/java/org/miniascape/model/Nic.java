package org.miniascape.model;

/**
 * A guest's network interface. Before resolution {@code mac} and {@code ip} are null where the config left them
 * out ({@code macDeclared}/{@code ipDeclared} say which); after {@link org.miniascape.validate.SiteResolver}
 * they are always set.
 */
public record Nic(String network, MacAddress mac, Ipv4 ip, boolean macDeclared, boolean ipDeclared, String model,
                  Origin origin) {

    public Nic withAddresses(MacAddress newMac, Ipv4 newIp) {
        return new Nic(network, newMac, newIp, macDeclared, ipDeclared, model, origin);
    }
}
