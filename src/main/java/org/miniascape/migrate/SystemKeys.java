package org.miniascape.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.miniascape.migrate.ONode.OEntry;
import org.miniascape.migrate.ONode.OList;
import org.miniascape.migrate.ONode.OMap;
import org.miniascape.migrate.ONode.OScalar;

/**
 * 0.3's guest system settings, as its kickstart snippets wrote them: {@code timezone.utc}, {@code ntp} and
 * {@code ntpservers}, {@code selinux}, {@code kdump}, {@code firewall}, {@code auth}, {@code ksdevice} and the
 * guest-level {@code nameservers}. Each key is reported where it was written; what has a key here becomes it.
 */
final class SystemKeys {
    /** 0.3's firewall rule words that were kickstart's service options ({@code --http} ...): services here. */
    private static final List<String> SERVICE_WORDS = List.of("http", "ftp", "smtp", "telnet");
    private static final Pattern RULE_PORT = Pattern.compile("(\\d{1,5}):(tcp|udp)");
    private static final Pattern RESERVE = Pattern.compile("(\\d+)M?");

    private final Migration m;
    private final Out.OutMap out;
    private final List<String> ntpServers = new ArrayList<>();
    private OEntry ntpAt;

    SystemKeys(Migration m, Out.OutMap out) {
        this.m = m;
        this.out = out;
    }

    /** Reads one key of a level if it is one of these; false otherwise. */
    boolean read(OEntry e, String k) {
        switch (e.key()) {
            case "ntp" -> ntp(e, k);
            case "ntpservers" -> ntpServers(e.value(), e, k, "ntp_servers (0.3 wrote them as kickstart's timezone "
                    + "--ntpservers)");
            case "selinux" -> selinux(e, k);
            case "kdump" -> kdump(e, k);
            case "firewall" -> firewall(e, k);
            case "auth" -> m.children(e, k, "covered by the default: root_password is written as a SHA-512"
                    + " crypt hash in every release, and RHEL 6 on and Fedora hash new passwords with SHA-512 (0.3's "
                    + "--passalgo=sha512) themselves; kickstart's auth is deprecated from RHEL 8 and gone in RHEL 10 "
                    + "(RHEL 5 hashes later passwords with MD5: run authconfig --passalgo=sha512 --update in post_script)");
            case "ksdevice" -> m.note(e.keyAt(), k, "covered: every interface is configured by its MAC (kickstart's "
                    + "network --device=MAC), so the installer needs no device name such as " + Migration.render(e.value()));
            case "nameservers" -> nameservers(e, k);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** 0.3's {@code timezone.utc}: a UTC hardware clock is the default, a local one is hardware_clock: local. */
    void utc(OEntry te, String k) {
        if (te.value() instanceof OScalar s && s.value() instanceof Boolean b) {
            if (b) {
                m.yaml11Done(s, "the default: hardware_clock utc");
                m.note(te.keyAt(), k, "the default (hardware_clock: utc: kickstart's timezone --utc, preseed's "
                        + "clock-setup/utc, the domain's <clock offset='utc'>)");
            } else {
                m.yaml11Done(s, "hardware_clock: local");
                Out.OutScalar o = new Out.OutScalar("local", s.at());
                o.comment("0.3: timezone.utc " + Migration.render(s));
                out.put("hardware_clock", o);
                m.note(te.keyAt(), k, "hardware_clock: local (the domain's <clock offset='localtime'>)");
            }
        } else {
            m.note(te.keyAt(), k, Migration.NONE + ": not true or false");
        }
    }

    private void ntp(OEntry e, String k) {
        if (!(e.value() instanceof OMap n)) {
            m.note(e.keyAt(), k, Migration.NONE + ": not a mapping of servers");
            return;
        }
        for (OEntry ne : n.entries().values()) {
            String nk = k + "." + ne.key();
            if (ne.key().equals("servers")) {
                ntpServers(ne.value(), ne, nk, "ntp_servers");
            } else if (ne.key().equals("slew_mode")) {
                m.note(ne.keyAt(), nk, Migration.NONE + ": the time client's own setting (chronyd slews small "
                        + "offsets by default; ntpd -x): set it in post_script");
            } else {
                m.note(ne.keyAt(), nk, Migration.NONE);
            }
        }
    }

    /** A list of {@code {hostname, options}}: the host names become ntp_servers (merged with the level's others). */
    private void ntpServers(ONode v, OEntry e, String k, String outcome) {
        if (v instanceof OScalar s && s.value() == null || v instanceof OList l0 && l0.items().isEmpty()) {
            m.note(e.keyAt(), k, "nothing to carry: no servers (the installer's or image's own time sources)");
            return;
        }
        if (!(v instanceof OList l)) {
            m.note(e.keyAt(), k, Migration.NONE + ": not a list of {hostname}");
            return;
        }
        if (ntpAt == null) {
            ntpAt = e;
        }
        for (int i = 0; i < l.items().size(); i++) {
            ONode item = l.items().get(i);
            String host = item instanceof OMap h ? Migration.text(h.get("hostname")) : Migration.text(item);
            if (host != null && !ntpServers.contains(host)) {
                ntpServers.add(host);
            }
            if (item instanceof OMap h && h.get("options") != null) {
                m.note(h.entries().get("options").keyAt(), k + "[" + i + "].options", Migration.NONE + ": a server "
                        + "here is its name only");
            }
        }
        Out.OutList servers = new Out.OutList(ntpAt.value().at());
        ntpServers.forEach(s -> servers.items.add(new Out.OutScalar(s, ntpAt.value().at())));
        out.put("ntp_servers", servers);
        m.note(e.keyAt(), k, outcome);
    }

    private void selinux(OEntry e, String k) {
        if (e.value() instanceof OScalar s && s.value() instanceof String mode
                && List.of("enforcing", "permissive", "disabled").contains(mode.toLowerCase(Locale.ROOT))) {
            out.put("selinux", new Out.OutScalar(mode.toLowerCase(Locale.ROOT), s.at()));
            m.note(e.keyAt(), k, "selinux (kickstart's selinux --" + mode.toLowerCase(Locale.ROOT) + ")");
        } else if (e.value() instanceof OScalar s && s.value() instanceof Boolean b) {
            String mode = b ? "enforcing" : "disabled";
            Out.OutScalar o = new Out.OutScalar(mode, s.at());
            o.comment("0.3: selinux " + Migration.render(s));
            out.put("selinux", o);
            m.yaml11Done(s, "selinux: " + mode);
            m.note(e.keyAt(), k, "selinux: " + mode + " (0.3's " + Migration.render(s) + ")");
        } else {
            m.note(e.keyAt(), k, Migration.NONE + ": selinux is enforcing, permissive or disabled here");
        }
    }

    private void kdump(OEntry e, String k) {
        if (!(e.value() instanceof OMap d)) {
            m.note(e.keyAt(), k, Migration.NONE + ": not a mapping of enabled, reserve");
            return;
        }
        Out.OutMap o = new Out.OutMap(d.at());
        for (OEntry de : d.entries().values()) {
            String dk = k + "." + de.key();
            switch (de.key()) {
                case "enabled" -> {
                    if (de.value() instanceof OScalar s && s.value() instanceof Boolean b) {
                        o.put("enabled", new Out.OutScalar(b, s.at()));
                        m.yaml11Done(s, "`" + b + "` in kdump.enabled");
                        m.note(de.keyAt(), dk, "kdump.enabled");
                    } else {
                        m.note(de.keyAt(), dk, Migration.NONE + ": not true or false");
                    }
                }
                case "reserve" -> {
                    String r = Migration.text(de.value());
                    Matcher mb = RESERVE.matcher(r == null ? "" : r);
                    if ("auto".equals(r)) {
                        m.note(de.keyAt(), dk, "the default: kdump.reserve auto");
                    } else if (mb.matches()) {
                        Out.OutScalar v = new Out.OutScalar(Long.parseLong(mb.group(1)), de.value().at());
                        v.comment("0.3: " + r + " (MiB here)");
                        o.put("reserve", v);
                        m.note(de.keyAt(), dk, "kdump.reserve (MiB)");
                    } else {
                        m.note(de.keyAt(), dk, Migration.NONE + ": reserve is auto or a size in MiB");
                    }
                }
                case "conf" -> m.note(de.keyAt(), dk, Migration.NONE + ": kdump.conf's text (0.3 wrote it into the "
                        + "%addon section): write /etc/kdump.conf in post_script");
                default -> m.note(de.keyAt(), dk, Migration.NONE);
            }
        }
        if (!o.entries.containsKey("enabled")) {
            o.put("enabled", new Out.OutScalar(true, d.at())); // 0.3's snippet wrote --enable whenever kdump was set
        }
        out.put("kdump", o);
    }

    /**
     * {@code firewall}: {@code rules}, kickstart firewall options without their dashes ({@code smtp},
     * {@code port=1234:tcp}, {@code service=http}, {@code trust em1}), which 0.3 wrote after {@code --enabled --ssh}.
     */
    private void firewall(OEntry e, String k) {
        if (e.value() instanceof OScalar s && Boolean.TRUE.equals(s.value())) {
            m.note(e.keyAt(), k, "the default: the firewall is on with ssh open");
            return;
        }
        if (!(e.value() instanceof OMap f)) {
            m.note(e.keyAt(), k, Migration.NONE + ": not a mapping of rules");
            return;
        }
        Out.OutList services = new Out.OutList(f.at());
        Out.OutList ports = new Out.OutList(f.at());
        for (OEntry fe : f.entries().values()) {
            String fk = k + "." + fe.key();
            if (fe.key().equals("rules") && fe.value() instanceof OList rules) {
                if (rules.items().isEmpty()) {
                    m.note(fe.keyAt(), fk, "nothing to carry: no rules besides ssh, which is open by default");
                }
                for (int i = 0; i < rules.items().size(); i++) {
                    rule(rules.items().get(i), fe, fk + "[" + i + "]", services, ports);
                }
            } else if (fe.key().equals("disabled")) {
                m.note(fe.keyAt(), fk, Migration.NONE + ": the firewall is on here, with ssh open");
            } else {
                m.note(fe.keyAt(), fk, Migration.NONE);
            }
        }
        if (!services.items.isEmpty() || !ports.items.isEmpty()) {
            Out.OutMap o = new Out.OutMap(f.at());
            if (!ports.items.isEmpty()) {
                o.put("ports", ports);
            }
            if (!services.items.isEmpty()) {
                o.put("services", services);
            }
            out.put("firewall", o);
        }
    }

    private void rule(ONode item, OEntry at, String rk, Out.OutList services, Out.OutList ports) {
        String rule = Migration.text(item);
        String word = rule == null ? "" : rule.strip().replaceFirst("^--", "");
        if (word.equals("ssh")) {
            m.note(at.keyAt(), rk, "the default: ssh is always open");
        } else if (SERVICE_WORDS.contains(word)) {
            services.items.add(new Out.OutScalar(word, item.at()));
            m.note(at.keyAt(), rk, "firewall.services " + word + " (kickstart's --" + word + ")");
        } else if (word.startsWith("service=")) {
            for (String s : word.substring("service=".length()).split(",")) {
                services.items.add(new Out.OutScalar(s, item.at()));
            }
            m.note(at.keyAt(), rk, "firewall.services");
        } else if (word.startsWith("port=") && java.util.Arrays.stream(word.substring(5).split(","))
                .allMatch(p -> RULE_PORT.matcher(p).matches())) {
            for (String p : word.substring(5).split(",")) {
                ports.items.add(new Out.OutScalar(p.replace(':', '/'), item.at()));
            }
            m.note(at.keyAt(), rk, "firewall.ports (PORT/PROTO)");
        } else {
            m.note(at.keyAt(), rk, Migration.NONE + ": '" + rule + "': the firewall opens services and ports "
                    + "(PORT/tcp, PORT/udp) here; no trusted devices, port names or ports without a protocol");
        }
    }

    /**
     * The guest-level {@code nameservers} ({@code [{ip}]}), which 0.3 wrote as kickstart's
     * {@code network --nameserver}: not the per-interface key of that name (a yes or no to a network's name
     * servers); here a static interface's name server is its network's gateway, whose dnsmasq forwards to the
     * network's {@code dns.forwarders}.
     */
    private void nameservers(OEntry e, String k) {
        List<String> gateways = new ArrayList<>();
        List<String> others = new ArrayList<>();
        if (e.value() instanceof OList l) {
            for (ONode i : l.items()) {
                String ip = i instanceof OMap h ? Migration.text(h.get("ip")) : Migration.text(i);
                if (ip != null) {
                    (m.gateways.containsKey(ip) ? gateways : others).add(ip);
                }
            }
        }
        String covered = gateways.stream().map(g -> g + " (network " + m.gateways.get(g) + "'s gateway)").toList()
                .toString().replaceAll("^\\[|]$", "");
        m.note(e.keyAt(), k, (others.isEmpty() ? "covered: " : Migration.NONE + ": ") + "a guest's name server is its "
                + "network's gateway (dnsmasq: static interfaces are given it, DHCP hands it out), which answers the "
                + "site's names and forwards the rest to the network's dns.forwarders"
                + (gateways.isEmpty() ? "" : "; " + covered + " is that")
                + (others.isEmpty() ? "" : "; give " + String.join(", ", others) + " as dns.forwarders of the networks")
                + " (not interfaces[].nameservers, which says whether the guest takes an interface's name servers)");
    }
}
