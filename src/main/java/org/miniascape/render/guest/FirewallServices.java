package org.miniascape.render.guest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ports of the firewalld services a guest opens, for the releases whose kickstart firewall has no
 * {@code --service=} (RHEL 5, Fedora 8 and 9: lokkit, which opens ports): the ports of firewalld's own service
 * definitions ({@code /usr/lib/firewalld/services/NAME.xml}). A service not here cannot be opened on them
 * (GuestChecks says so, naming the ports key to use instead).
 */
public final class FirewallServices {
    private static final Map<String, List<String>> PORTS = Map.ofEntries(
            Map.entry("ftp", List.of("21/tcp")),
            Map.entry("http", List.of("80/tcp")),
            Map.entry("https", List.of("443/tcp")),
            Map.entry("smtp", List.of("25/tcp")),
            Map.entry("telnet", List.of("23/tcp")),
            Map.entry("dns", List.of("53/tcp", "53/udp")),
            Map.entry("ntp", List.of("123/udp")),
            Map.entry("dhcp", List.of("67/udp")),
            Map.entry("tftp", List.of("69/udp")),
            Map.entry("kerberos", List.of("88/tcp", "88/udp")),
            Map.entry("ldap", List.of("389/tcp")),
            Map.entry("ldaps", List.of("636/tcp")),
            Map.entry("imap", List.of("143/tcp")),
            Map.entry("imaps", List.of("993/tcp")),
            Map.entry("pop3", List.of("110/tcp")),
            Map.entry("pop3s", List.of("995/tcp")),
            Map.entry("mysql", List.of("3306/tcp")),
            Map.entry("postgresql", List.of("5432/tcp")),
            Map.entry("nfs", List.of("2049/tcp")),
            Map.entry("squid", List.of("3128/tcp")),
            Map.entry("samba", List.of("139/tcp", "445/tcp", "137/udp", "138/udp")));

    private FirewallServices() {
    }

    /** A service's ports ({@code PORT/PROTO}), if this table knows it. */
    public static Optional<List<String>> ports(String service) {
        return Optional.ofNullable(PORTS.get(service));
    }

    /** The services' ports, in order, each once. */
    static List<String> portsOf(List<String> services) {
        List<String> out = new ArrayList<>();
        for (String s : services) {
            ports(s).orElse(List.of()).stream().filter(p -> !out.contains(p)).forEach(out::add);
        }
        return out;
    }
}
