package org.miniascape.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.miniascape.migrate.ONode.OEntry;
import org.miniascape.migrate.ONode.OList;
import org.miniascape.migrate.ONode.OMap;
import org.miniascape.migrate.ONode.OScalar;
import org.miniascape.model.SourcePosition;

/**
 * A merged 0.3 configuration → a site of this format, level by level as 0.3 inherited (common, then each guest
 * group, then the guest: the same order as here), and the report: every 0.3 key read, what it became, or why it
 * has no equivalent, at the position it was written in OLD.
 */
final class Migration {
    /** One line of the report. */
    record Entry(SourcePosition at, String key, String outcome) {
    }

    static final String NONE = "no equivalent (yet)";

    final List<Entry> report = new ArrayList<>();
    /** Each YAML 1.1 boolean of OLD (yes/no/on/off), with what it became. */
    final List<Entry> booleans = new ArrayList<>();
    final Out.OutMap site = new Out.OutMap(null);
    private final Out.OutList pools = new Out.OutList(null);
    /** The YAML 1.1 booleans not yet carried over, with their key path (an anchored value is one, written once). */
    private final Map<OScalar, String> yaml11 = new java.util.IdentityHashMap<>();
    private final Map<OScalar, String> yaml11Outcome = new java.util.IdentityHashMap<>();
    /** Each 0.3 network's DNS domain (its own, else the site's), for per-interface DNS names. */
    private final Map<String, String> netDomains = new java.util.HashMap<>();
    /** Each 0.3 network's gateway by its address: the name server of a guest on it here. */
    final Map<String, String> gateways = new java.util.HashMap<>();

    /**
     * Guest-level keys that 0.3 itself (its code, or the templates it shipped: kickstart snippets, vmbuild.sh,
     * Makefile, net_register.sh) read; the others were the user's own values, passed through to their templates
     * ({@code ipa}, {@code jboss}, {@code lvs} ...), and become {@code vars}.
     */
    static final Set<String> READ_BY_03 = Set.of("name", "hostname", "fqdn", "description", "ip", "interfaces",
            "disks", "virtinst", "timezone", "packages", "services", "domain", "name_prefix", "storage_pools",
            "templates", "kickstart", "setup_data", "ksdevice", "partition", "swap", "filesystem", "auth", "selinux",
            "ntp", "ntpservers", "nameservers", "kdump", "ssh", "firewall", "rhn", "setup_screen", "store_cmdline",
            "generate_hosts", "use_serial_console", "guests_templates", "netmask", "gateway", "network", "site",
            "filename", "lang", "keyboard", "rootpw", "bootloader", "repos", "users", "proxy_env", "ipv6", "noipv6",
            "instal_iso_url", "install_iso_url", "network_options", "guests");

    static Migration of(OMap root) {
        Migration m = new Migration();
        m.findBooleans(root, "");
        m.site(root);
        for (Map.Entry<OScalar, String> b : m.yaml11.entrySet()) {
            String done = m.yaml11Outcome.get(b.getKey());
            m.booleans.add(new Entry(b.getKey().at(), b.getValue(), "`" + b.getKey().yaml11() + "` (0.3: "
                    + b.getKey().value() + ") → " + (done != null ? done
                    : "not carried over: its key has no equivalent (see Keys)")));
        }
        return m;
    }

    private void findBooleans(ONode n, String path) {
        if (n instanceof OScalar s && s.yaml11() != null) {
            yaml11.putIfAbsent(s, path);
        } else if (n instanceof OMap m) {
            m.entries().values().forEach(e -> findBooleans(e.value(), path.isEmpty() ? e.key() : path + "." + e.key()));
        } else if (n instanceof OList l) {
            for (int i = 0; i < l.items().size(); i++) {
                findBooleans(l.items().get(i), path + "[" + i + "]");
            }
        }
    }

    /** The levels that enclose the one being migrated, innermost first (a guest: its group, then common). */
    private List<OMap> enclosing = List.of();
    private final UsersMigration users = new UsersMigration(this::note);
    private final LayoutMigration layout = new LayoutMigration(this::note);
    final SetupDataMigration setupData = new SetupDataMigration(this::note);

    /** What a YAML 1.1 boolean of OLD became (its first use, for the report's list of them). */
    void yaml11Done(OScalar s, String outcome) {
        if (s.yaml11() != null) {
            yaml11Outcome.putIfAbsent(s, outcome);
        }
    }

    void note(SourcePosition at, String key, String outcome) {
        report.add(new Entry(at, key, outcome));
    }

    private void site(OMap root) {
        OEntry siteName = root.entries().get("site");
        if (siteName != null) {
            site.put("site", scalar(siteName.value()));
            note(siteName.keyAt(), "site", "site");
        }
        OMap common = root.get("common") instanceof OMap c ? c : null;
        if (common != null && common.entries().get("domain") != null) {
            OEntry d = common.entries().get("domain");
            site.put("domain", scalar(d.value()));
            note(d.keyAt(), "common.domain", "domain (the site's DNS domain)");
        }
        if (common != null && common.entries().get("storage_pools") != null) {
            storagePools(common.entries().get("storage_pools"), "common.storage_pools");
        }
        if (!pools.items.isEmpty()) {
            site.put("storage_pools", pools);
        }
        String siteDomain = common != null && common.get("domain") instanceof OScalar d ? d.text()
                : (siteName != null ? text(siteName.value()) + ".local" : null);
        if (root.get("networks") instanceof OList nets) {
            for (ONode item : nets.items()) {
                if (item instanceof OMap n && n.get("name") instanceof OScalar name) {
                    netDomains.put(name.text(), n.get("domain") instanceof OScalar d ? d.text() : siteDomain);
                }
            }
        }
        if (root.get("networks") instanceof OList nets) {
            Out.OutList out = new Out.OutList(nets.at());
            for (int i = 0; i < nets.items().size(); i++) {
                if (nets.items().get(i) instanceof OMap n) {
                    out.items.add(network(n, "networks[" + i + "]"));
                }
            }
            site.put("networks", out);
            note(root.entries().get("networks").keyAt(), "networks", "networks");
        }
        if (common != null) {
            Out.OutMap c = new Out.OutMap(common.at());
            enclosing = List.of();
            guestLevel(common, "common", c, Set.of("domain", "storage_pools"));
            site.put("common", c);
            note(root.entries().get("common").keyAt(), "common", "common");
        }
        if (root.get("guests") instanceof OList groups) {
            Out.OutList out = new Out.OutList(groups.at());
            for (int i = 0; i < groups.items().size(); i++) {
                if (!(groups.items().get(i) instanceof OMap g)) {
                    continue;
                }
                String path = "guests[" + i + "]";
                Out.OutMap group = new Out.OutMap(g.at());
                enclosing = common != null ? List.of(common) : List.of();
                guestLevel(g, path, group, Set.of("guests"));
                if (g.get("guests") instanceof OList members) {
                    Out.OutList ms = new Out.OutList(members.at());
                    for (int j = 0; j < members.items().size(); j++) {
                        if (members.items().get(j) instanceof OMap guest) {
                            Out.OutMap o = new Out.OutMap(guest.at());
                            enclosing = common != null ? List.of(g, common) : List.of(g);
                            guestLevel(guest, path + ".guests[" + j + "]", o, Set.of());
                            ms.items.add(o);
                            domain(common, g, guest);
                        }
                    }
                    group.put("guests", ms);
                }
                out.items.add(group);
            }
            site.put("guests", out);
            note(root.entries().get("guests").keyAt(), "guests", "guests (each 0.3 group a group)");
        }
        for (OEntry e : root.entries().values()) {
            switch (e.key()) {
                case "site", "common", "networks", "guests" -> { }
                case "host" -> children(e, "host", NONE + ": host-side files of 0.3; build writes its own host files");
                default -> note(e.keyAt(), e.key(), e.value() instanceof OScalar ? NONE
                        + " (a top-level value: 0.3 sites hold YAML anchors so; each use was migrated where it is)"
                        : NONE);
            }
        }
    }

    /** One libvirt domain as 0.3 defined it ({@code name_prefix} + name) and the guest's name here. */
    record Domain(String old, String name, String prefix, SourcePosition prefixAt) {
    }

    /** The domains 0.3 defined under another name than the guest's here: to rename once. */
    final List<Domain> domains = new ArrayList<>();

    /** 0.3's vmbuild.sh: {@code --name PREFIX+NAME}, the prefix of the guest, else its group, else common. */
    private void domain(OMap common, OMap group, OMap guest) {
        String name = guest.get("hostname") instanceof OScalar h ? h.text()
                : guest.get("name") instanceof OScalar n ? n.text() : null;
        OEntry prefix = null;
        for (OMap level : new OMap[] {guest, group, common}) {
            if (level != null && level.entries().get("name_prefix") != null) {
                prefix = level.entries().get("name_prefix");
                break;
            }
        }
        if (name == null || prefix == null || text(prefix.value()).isEmpty()) {
            return;
        }
        domains.add(new Domain(text(prefix.value()) + name, name.toLowerCase(java.util.Locale.ROOT),
                text(prefix.value()), prefix.keyAt()));
    }

    /**
     * {@code kickstart}: its {@code repos} ({@code [{name, baseurl}]}, which 0.3's templates wrote as kickstart's
     * repo lines) → {@code repos}, its {@code users} → {@code users}; its other keys have no equivalent yet.
     */
    private void kickstart(OEntry e, String path, Out.OutMap out) {
        if (!(e.value() instanceof OMap m) || m.entries().isEmpty()) {
            note(e.keyAt(), path, NONE);
            return;
        }
        for (OEntry ke : m.entries().values()) {
            String k = path + "." + ke.key();
            if (ke.key().equals("repos") && ke.value() instanceof OList repos) {
                out.put("repos", copy(repos, Set.of("name", "baseurl")));
                note(ke.keyAt(), k, "repos (name, baseurl: kickstart's repo lines)");
                for (int i = 0; i < repos.items().size(); i++) {
                    if (repos.items().get(i) instanceof OMap repo) {
                        for (OEntry re : repo.entries().values()) {
                            if (!re.key().equals("name") && !re.key().equals("baseurl")) {
                                note(re.keyAt(), k + "[" + i + "]." + re.key(), NONE + ": a repo here has a name and "
                                        + "a baseurl only");
                            }
                        }
                    }
                }
            } else if (ke.key().equals("users")) {
                Out list = users.users(ke, k);
                if (list != null) {
                    out.put("users", list);
                }
            } else {
                note(ke.keyAt(), k, NONE);
            }
        }
    }

    void children(OEntry e, String path, String outcome) {
        if (e.value() instanceof OMap m && !m.entries().isEmpty()) {
            for (OEntry c : m.entries().values()) {
                note(c.keyAt(), path + "." + c.key(), outcome);
            }
        } else {
            note(e.keyAt(), path, outcome);
        }
    }

    private void storagePools(OEntry sp, String path) {
        if (!(sp.value() instanceof OList list)) {
            note(sp.keyAt(), path, NONE + ": not a list");
            return;
        }
        note(sp.keyAt(), path, "storage_pools (site level: pools are the site's here)");
        for (int i = 0; i < list.items().size(); i++) {
            if (!(list.items().get(i) instanceof OMap p)) {
                continue;
            }
            Out.OutMap out = new Out.OutMap(p.at());
            for (OEntry e : p.entries().values()) {
                String k = path + "[" + i + "]." + e.key();
                switch (e.key()) {
                    case "name", "type" -> {
                        out.put(e.key(), scalar(e.value()));
                        note(e.keyAt(), k, "storage_pools[].%s".formatted(e.key()));
                    }
                    case "target" -> {
                        if (e.value() instanceof OMap t && t.get("path") != null) {
                            out.put("path", scalar(t.get("path")));
                            note(t.entries().get("path").keyAt(), k + ".path", "storage_pools[].path");
                            for (OEntry te : t.entries().values()) {
                                if (!te.key().equals("path")) {
                                    note(te.keyAt(), k + "." + te.key(), NONE);
                                }
                            }
                        } else {
                            note(e.keyAt(), k, NONE + ": a pool target without path");
                        }
                    }
                    case "create" -> {
                        note(e.keyAt(), k, NONE + ": 'miniascape storage register' creates the site's pools");
                        out.comment("0.3 create: " + render(e.value()) + " dropped (storage register defines pools)");
                    }
                    default -> note(e.keyAt(), k, NONE);
                }
            }
            pools.items.add(out);
        }
    }

    private Out network(OMap n, String path) {
        Out.OutMap out = new Out.OutMap(n.at());
        String gateway = null;
        String netmask = null;
        String network = null;
        for (OEntry e : n.entries().values()) {
            String k = path + "." + e.key();
            switch (e.key()) {
                case "name", "mode", "bridge", "domain", "description" -> {
                    out.put(e.key(), scalar(e.value()));
                    note(e.keyAt(), k, e.key());
                }
                case "gateway" -> gateway = text(e.value());
                case "netmask" -> netmask = text(e.value());
                case "network" -> network = text(e.value());
                case "dhcp" -> {
                    out.put("dhcp", copy(e.value(), Set.of("start", "end", "static")));
                    note(e.keyAt(), k, "dhcp (start, end, static.start, static.end)");
                }
                case "hosts" -> {
                    out.put("hosts", copy(e.value(), Set.of("name", "hostname", "mac", "ip")));
                    note(e.keyAt(), k, "hosts (DHCP reservations with DNS names)");
                }
                default -> note(e.keyAt(), k, NONE);
            }
        }
        String cidr = Addresses.cidr(network, gateway, netmask);
        if (gateway != null && n.get("name") instanceof OScalar name) {
            gateways.putIfAbsent(gateway, name.text());
        }
        OEntry gw = n.entries().get("gateway");
        OEntry nm = n.entries().get("netmask");
        OEntry nw = n.entries().get("network");
        if (cidr != null) {
            out.put("cidr", new Out.OutScalar(cidr, (nw != null ? nw : nm).value().at()));
            out.put("gateway", scalar(gw.value()));
            out.get("cidr").comment("0.3: network " + network + ", netmask " + netmask);
            for (OEntry e : new OEntry[] {gw, nm, nw}) {
                if (e != null) {
                    note(e.keyAt(), path + "." + e.key(), e == gw ? "gateway" : "cidr " + cidr);
                }
            }
        } else {
            for (OEntry e : new OEntry[] {gw, nm, nw}) {
                if (e != null) {
                    out.put(e.key(), scalar(e.value()));
                    note(e.keyAt(), path + "." + e.key(), e.key() + " (as 0.3 wrote it: no CIDR could be derived)");
                }
            }
        }
        return out;
    }

    /** The keys of one level of guest settings (common, a group, a guest). */
    private void guestLevel(OMap level, String path, Out.OutMap out, Set<String> handledElsewhere) {
        Out.OutMap install = new Out.OutMap(null);
        Out.OutMap vars = new Out.OutMap(null);
        String guestName = level.get("hostname") instanceof OScalar h ? h.text()
                : level.get("name") instanceof OScalar n && handledElsewhere.isEmpty() ? n.text() : null;
        OEntry ip = null;
        SystemKeys system = new SystemKeys(this, out);
        for (OEntry e : level.entries().values()) {
            String k = path + "." + e.key();
            if (handledElsewhere.contains(e.key())) {
                continue;
            }
            switch (e.key()) {
                case "name", "hostname", "description" -> {
                    out.put(e.key().equals("hostname") ? "name" : e.key(), scalar(e.value()));
                    note(e.keyAt(), k, e.key().equals("hostname") ? "name" : e.key());
                }
                case "ip" -> ip = e;
                case "interfaces" -> out.put("interfaces", interfaces(e, k, guestName));
                case "disks" -> out.put("disks", disks(e, k));
                case "virtinst" -> virtinst(e, k, out, install);
                case "timezone" -> {
                    if (e.value() instanceof OMap t) {
                        for (OEntry te : t.entries().values()) {
                            if (te.key().equals("timezone")) {
                                out.put("timezone", scalar(te.value()));
                                note(te.keyAt(), k + ".timezone", "timezone");
                            } else if (te.key().equals("utc")) {
                                system.utc(te, k + ".utc");
                            } else {
                                note(te.keyAt(), k + "." + te.key(), NONE);
                            }
                        }
                    } else {
                        out.put("timezone", scalar(e.value()));
                        note(e.keyAt(), k, "timezone");
                    }
                }
                case "packages" -> {
                    if (e.value() instanceof OMap p) {
                        Out.OutList packages = new Out.OutList(p.at());
                        for (OEntry pe : p.entries().values()) {
                            if (pe.key().equals("installed") && pe.value() instanceof OList l) {
                                l.items().forEach(i -> packages.items.add(scalar(i)));
                                note(pe.keyAt(), k + ".installed", "packages");
                            } else if (pe.key().equals("uninstalled") && pe.value() instanceof OList l) {
                                // Kickstart's own exclusion syntax, which 0.3 wrote for these into %packages.
                                l.items().forEach(i -> packages.items.add(new Out.OutScalar("-" + render(i), i.at())));
                                note(pe.keyAt(), k + ".uninstalled", "packages, each as -NAME (an exclusion)");
                            } else {
                                note(pe.keyAt(), k + "." + pe.key(), NONE);
                            }
                        }
                        if (!packages.items.isEmpty()) {
                            out.put("packages", packages);
                        }
                    } else {
                        note(e.keyAt(), k, NONE + ": not a mapping of installed/uninstalled");
                    }
                }
                case "services" -> {
                    out.put("services", copy(e.value(), Set.of("enabled", "disabled")));
                    note(e.keyAt(), k, "services (enabled, disabled)");
                }
                case "domain" -> note(e.keyAt(), k, NONE + " below the site: a guest's DNS name is NAME on each "
                        + "network's domain");
                case "fqdn" -> note(e.keyAt(), k, guestName != null && netDomains.containsValue(domainOf(
                        text(e.value()))) && text(e.value()).startsWith(guestName + ".")
                        ? "the default: a guest's DNS name is its name on each network's domain (the interfaces "
                        + "that 0.3 gave this name to are named so)"
                        : NONE + ": a guest's DNS name is its name on each network's domain; give an interface "
                        + "its dns_name");
                case "name_prefix" -> note(e.keyAt(), k, "renamed domains: 0.3 named each libvirt domain "
                        + text(e.value()) + "NAME; here a guest's domain is NAME (" + Migrate.REPORT_FILE
                        + " lists the virsh domrename of each, under \"Domains 0.3 defined\")");
                case "kickstart" -> kickstart(e, k, out);
                case "use_serial_console" -> note(e.keyAt(), k, "covered: every guest has a serial console here "
                        + "(console.serial, true by default) with the installer's and the kernel's output on it; "
                        + "`console: {serial: false}` leaves it off");
                case "partition", "swap", "filesystem" -> { } // layout, below
                case "storage_pools" -> storagePools(e, k);
                case "setup_data" -> {
                    Out list = setupData.setupData(e, k, level.get("hostname") instanceof OScalar h ? h.text()
                            : level.get("name") instanceof OScalar n ? n.text() : path);
                    if (list != null) {
                        out.put("setup_data", list);
                    }
                }
                case "templates" -> children(e, k, NONE + ": build generates ks.cfg, vmbuild.sh and "
                        + "net_register.sh itself; user templates are `templates: {KEY: {src, dst}}`");
                default -> {
                    if (system.read(e, k)) {
                        continue;
                    }
                    if (READ_BY_03.contains(e.key())) {
                        note(e.keyAt(), k, NONE);
                    } else if (!VAR_NAME.matcher(e.key()).matches()) {
                        note(e.keyAt(), k, NONE + ": a value of the user's own, but not a template identifier, as"
                                + " a name of vars must be");
                    } else {
                        vars.put(e.key(), copyValue(e.value(), "vars." + e.key()));
                        note(e.keyAt(), k, "vars." + e.key() + " (a value of your own, which 0.3 passed to its "
                                + "templates: your templates see it as vars." + e.key() + ")");
                    }
                }
            }
        }
        layout.layout(level, path, enclosing, out);
        if (!vars.entries.isEmpty()) {
            out.put("vars", vars);
        }
        if (ip != null) {
            guestIp(ip, path, out);
        }
        if (!install.entries.isEmpty()) {
            out.put("install", install);
        }
    }

    /** 0.3 gave a guest's {@code ip} to its interface when it had just one ({@code _guest_add_missings}). */
    private void guestIp(OEntry ip, String path, Out.OutMap out) {
        String k = path + ".ip";
        if (!(out.get("interfaces") instanceof Out.OutList nics) || nics.items.isEmpty()
                || !(nics.items.get(0) instanceof Out.OutMap first)) {
            note(ip.keyAt(), k, NONE + ": this level has no interfaces to give it to");
            return;
        }
        Out existing = first.get("ip");
        if (existing == null) {
            first.put("ip", scalar(ip.value()));
            first.get("ip").comment("0.3: the guest's ip");
            note(ip.keyAt(), k, "interfaces[0].ip");
        } else if (existing instanceof Out.OutScalar s && String.valueOf(s.value).equals(text(ip.value()))) {
            note(ip.keyAt(), k, "interfaces[0].ip (the same address)");
        } else {
            note(ip.keyAt(), k, NONE + ": interfaces[0] has its own ip, which 0.3 used too");
        }
    }

    private static final java.util.regex.Pattern VAR_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static String domainOf(String fqdn) {
        return fqdn == null || fqdn.indexOf('.') < 0 ? "" : fqdn.substring(fqdn.indexOf('.') + 1);
    }

    /**
     * An interface's DNS name as 0.3's network.xml made it: its {@code fqdn}, else {@code host} on the network's
     * domain; an interface with neither (of a guest with several: 0.3 gave a guest's only interface the guest's
     * own) had none. Here that is {@code dns_name}, left out where it is the default (the guest's name on the
     * network's domain), and {@code dns: false}.
     */
    private void dnsName(OMap nic, Out.OutMap o, String nk, String guestName, boolean only) {
        OEntry fqdn = nic.entries().get("fqdn");
        OEntry host = nic.entries().get("host");
        String network = nic.get("network") instanceof OScalar n ? n.text() : null;
        String domain = network == null ? null : netDomains.get(network);
        if (fqdn == null && host == null) {
            if (!only) {
                Out.OutScalar no = new Out.OutScalar(false, nic.at());
                no.comment("0.3 gave this interface no DNS name (neither host nor fqdn)");
                o.put("dns", no);
                note(nic.at(), nk.substring(0, nk.length() - 1), "interfaces[].dns: false (0.3's network XML gave"
                        + " an interface of a guest with several no DNS name without its host or fqdn)");
            }
            return;
        }
        OEntry used = fqdn != null ? fqdn : host;
        String name = text(used.value());
        String at = nk + used.key();
        boolean isDefault = guestName != null && name != null && (name.equalsIgnoreCase(guestName)
                || domain != null && name.equalsIgnoreCase(guestName + "." + domain));
        if (isDefault) {
            note(used.keyAt(), at, "the default DNS name (the guest's name on network " + network + "'s domain "
                    + domain + ")");
        } else {
            o.put("dns_name", scalar(used.value()));
            note(used.keyAt(), at, "interfaces[].dns_name" + (fqdn == null && domain != null ? " (on network "
                    + network + "'s domain " + domain + ", as 0.3 made it)" : ""));
        }
        if (fqdn != null && host != null) {
            note(host.keyAt(), nk + "host", "covered by fqdn: 0.3 named the address by its fqdn when it had one");
        }
    }

    private Out interfaces(OEntry e, String k, String guestName) {
        Out.OutList out = new Out.OutList(e.value().at());
        if (!(e.value() instanceof OList list)) {
            note(e.keyAt(), k, NONE + ": not a list");
            return out;
        }
        note(e.keyAt(), k, "interfaces");
        for (int i = 0; i < list.items().size(); i++) {
            if (!(list.items().get(i) instanceof OMap nic)) {
                continue;
            }
            Out.OutMap o = new Out.OutMap(nic.at());
            for (OEntry ne : nic.entries().values()) {
                String nk = k + "[" + i + "]." + ne.key();
                switch (ne.key()) {
                    case "network", "mac", "ip" -> {
                        o.put(ne.key(), scalar(ne.value()));
                        note(ne.keyAt(), nk, "interfaces[].%s".formatted(ne.key()));
                    }
                    case "host", "fqdn" -> { } // dnsName
                    case "bootproto" -> {
                        if (ne.value() instanceof OScalar b && (b.text().equals("dhcp") || b.text().equals("static"))) {
                            o.put("bootproto", scalar(ne.value()));
                            note(ne.keyAt(), nk, "interfaces[].bootproto");
                        } else {
                            note(ne.keyAt(), nk, NONE + ": bootproto is dhcp or static here, not " + render(ne.value()));
                        }
                    }
                    case "activate" -> {
                        if (ne.value() instanceof OScalar a && Boolean.TRUE.equals(a.value())) {
                            yaml11Outcome.putIfAbsent(a, "the default: every interface is activated here");
                            note(ne.keyAt(), nk, "the default: the install files activate every interface here"
                                    + " (kickstart --onboot=yes --activate)");
                        } else {
                            note(ne.keyAt(), nk, NONE + ": the install files activate every interface here");
                        }
                    }
                    case "nodns" -> {
                        if (ne.value() instanceof OScalar b && b.value() instanceof Boolean on) {
                            if (on) {
                                o.put("nameservers", new Out.OutScalar(false, b.at()));
                            }
                            yaml11Outcome.putIfAbsent(b, on ? "`false` in interfaces[].nameservers"
                                    : "the default: interfaces[].nameservers true");
                            note(ne.keyAt(), nk, on ? "interfaces[].nameservers: false (0.3 wrote kickstart's"
                                    + " `network --nodns`: the interface takes no name servers; it keeps its DNS"
                                    + " name)" : "the default (interfaces[].nameservers: true)");
                        } else {
                            note(ne.keyAt(), nk, NONE + ": nodns is true or false, not " + render(ne.value()));
                        }
                    }
                    default -> note(ne.keyAt(), nk, NONE);
                }
            }
            dnsName(nic, o, k + "[" + i + "].", guestName, list.items().size() == 1);
            out.items.add(o);
        }
        return out;
    }

    private Out disks(OEntry e, String k) {
        Out.OutList out = new Out.OutList(e.value().at());
        if (!(e.value() instanceof OList list)) {
            note(e.keyAt(), k, NONE + ": not a list");
            return out;
        }
        note(e.keyAt(), k, "disks");
        for (int i = 0; i < list.items().size(); i++) {
            if (!(list.items().get(i) instanceof OMap d)) {
                continue;
            }
            Out.OutMap o = new Out.OutMap(d.at());
            for (OEntry de : d.entries().values()) {
                String dk = k + "[" + i + "]." + de.key();
                switch (de.key()) {
                    case "pool", "size", "bus", "format", "cache" -> {
                        o.put(de.key(), scalar(de.value()));
                        note(de.keyAt(), dk, "disks[].%s".formatted(de.key()));
                    }
                    case "vol" -> {
                        o.put("volume", scalar(de.value()));
                        note(de.keyAt(), dk, "disks[].volume");
                    }
                    case "shareable" -> shareable(de, dk, o);
                    case "perms" -> perms(de, dk, o);
                    default -> note(de.keyAt(), dk, NONE);
                }
            }
            out.items.add(o);
        }
        return out;
    }

    /** 0.3's {@code shareable: true} (virt-install's shareable=on): the disk is written by several guests. */
    private void shareable(OEntry de, String dk, Out.OutMap o) {
        if (de.value() instanceof OScalar b && b.value() instanceof Boolean on) {
            if (on) {
                o.put("shareable", new Out.OutScalar(true, b.at()));
            }
            yaml11Outcome.putIfAbsent(b, on ? "`true` in disks[].shareable" : "the default: disks[].shareable false");
            note(de.keyAt(), dk, on ? "disks[].shareable" : "the default (disks[].shareable: false)");
        } else {
            note(de.keyAt(), dk, NONE + ": shareable is true or false, not " + render(de.value()));
        }
    }

    /**
     * 0.3's {@code perms}, virt-install's: {@code sh} shared (here {@code shareable: true}), {@code ro} read-only
     * ({@code readonly: true}), {@code rw} the default.
     */
    private void perms(OEntry de, String dk, Out.OutMap o) {
        String perms = de.value() instanceof OScalar p ? p.text() : "";
        switch (perms) {
            case "sh" -> {
                if (o.get("shareable") == null) {
                    o.put("shareable", new Out.OutScalar(true, de.value().at()));
                }
                note(de.keyAt(), dk, "disks[].shareable: true (virt-install's perms=sh)");
            }
            case "ro" -> {
                o.put("readonly", new Out.OutScalar(true, de.value().at()));
                note(de.keyAt(), dk, "disks[].readonly: true (virt-install's perms=ro)");
            }
            case "rw" -> note(de.keyAt(), dk, "the default: a disk is read and written (virt-install's perms=rw)");
            default -> {
                note(de.keyAt(), dk, NONE + ": perms is sh, ro or rw, not " + render(de.value()));
                o.comment("0.3 perms: " + render(de.value()) + " dropped (perms is sh, ro or rw)");
            }
        }
    }

    private void virtinst(OEntry e, String k, Out.OutMap out, Out.OutMap install) {
        if (!(e.value() instanceof OMap v)) {
            note(e.keyAt(), k, NONE + ": not a mapping");
            return;
        }
        for (OEntry ve : v.entries().values()) {
            String vk = k + "." + ve.key();
            switch (ve.key()) {
                case "ram" -> {
                    out.put("memory", scalar(ve.value()));
                    note(ve.keyAt(), vk, "memory (MiB)");
                }
                case "vcpus", "os_variant", "arch" -> {
                    out.put(ve.key(), scalar(ve.value()));
                    note(ve.keyAt(), vk, ve.key());
                }
                case "location", "cdrom", "extra_args" -> {
                    if (!ve.key().equals("extra_args")) {
                        install.put("method", new Out.OutScalar("kickstart", ve.value().at()));
                        install.get("method").comment("0.3 installed every guest with kickstart");
                    }
                    install.put(ve.key(), scalar(ve.value()));
                    note(ve.keyAt(), vk, "install." + ve.key());
                }
                case "graphics" -> graphics(ve, vk, out);
                case "basic_options" -> basicOptions(ve, vk);
                case "os_type" -> note(ve.keyAt(), vk, "covered: virt-install takes the OS from os_variant (its "
                        + "--os-type is deprecated)");
                case "waittime" -> note(ve.keyAt(), vk, "covered: `up` waits for each install to finish and the "
                        + "guest to be ready (--timeout, default 15m)");
                default -> note(ve.keyAt(), vk, NONE + (ve.key().equals("connect")
                        ? ": the libvirt URI is -c/--connect" : ""));
            }
        }
    }

    /** 0.3 passed {@code virtinst.graphics} to virt-install's --graphics as it was: its type is console.graphics. */
    private void graphics(OEntry ve, String vk, Out.OutMap out) {
        String value = text(ve.value());
        String type = value == null ? null : value.split(",", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (type == null || org.miniascape.model.Hardware.Graphics.fromKey(type).isEmpty()) {
            note(ve.keyAt(), vk, NONE + ": console.graphics is none, vnc or spice");
            return;
        }
        Out.OutMap console = out.get("console") instanceof Out.OutMap c ? c : new Out.OutMap(ve.value().at());
        console.put("graphics", new Out.OutScalar(type, ve.value().at()));
        out.put("console", console);
        if (!type.equals(value.trim())) {
            console.get("graphics").comment("0.3: " + value + " (the display listens on 127.0.0.1 here)");
        }
        note(ve.keyAt(), vk, "console.graphics (on 127.0.0.1; the serial console stays, console.serial)");
    }

    /** What each of 0.3's usual virt-install options is here; the others have no equivalent. */
    private static final Map<String, String> BASIC_OPTIONS = Map.of(
            "--check-cpu", "obsolete: virt-install no longer has it (the host's CPU is checked by libvirt)",
            "--hvm", "the default: a KVM (or QEMU, virt_type) guest is fully virtualized",
            "--accelerate", "the default: virt_type kvm (virt-install deprecated --accelerate)",
            "--noautoconsole", "the default: vmbuild.sh always passes --noautoconsole",
            "--noreboot", NONE + ": the guest reboots after its install, and `up` waits for it");

    private void basicOptions(OEntry ve, String vk) {
        String value = text(ve.value());
        for (String option : value == null ? new String[0] : value.trim().split("\\s+")) {
            if (!option.isEmpty()) {
                String name = option.split("=", 2)[0];
                note(ve.keyAt(), vk + " " + option, BASIC_OPTIONS.getOrDefault(name, NONE
                        + ": vmbuild.sh's virt-install options come from the guest's keys"));
            }
        }
    }

    /** A value where this format expects a string, number or list of them: a YAML 1.1 boolean stays its word. */
    private Out scalar(ONode n) {
        return n instanceof OScalar s ? plain(s) : copy(n, Set.of());
    }

    private Out plain(OScalar s) {
        if (s.yaml11() != null) {
            yaml11Outcome.putIfAbsent(s, "the string `" + s.yaml11() + "`: a string is expected there");
            Out.OutScalar o = new Out.OutScalar(s.yaml11(), s.at());
            o.comment("0.3 read " + s.yaml11() + " as the boolean " + s.value() + " (YAML 1.1); a string here");
            return o;
        }
        return new Out.OutScalar(s.value(), s.at());
    }

    /** A value of the user's own (vars): as 0.3 gave it to the templates, YAML 1.1 booleans as booleans. */
    private Out copyValue(ONode n, String path) {
        if (n instanceof OMap m) {
            Out.OutMap o = new Out.OutMap(m.at());
            m.entries().values().forEach(e -> o.put(e.key(), copyValue(e.value(), path + "." + e.key())));
            return o;
        }
        if (n instanceof OList l) {
            Out.OutList o = new Out.OutList(l.at());
            for (int i = 0; i < l.items().size(); i++) {
                o.items.add(copyValue(l.items().get(i), path + "[" + i + "]"));
            }
            return o;
        }
        OScalar s = (OScalar) n;
        Out.OutScalar o = new Out.OutScalar(s.value(), s.at());
        if (s.yaml11() != null) {
            yaml11Outcome.putIfAbsent(s, "`" + s.value() + "` in " + path);
            o.comment("0.3: " + s.yaml11() + " (a YAML 1.1 boolean)");
        }
        return o;
    }

    /** A value as it is, keeping only {@code keys} of its mappings (all of them when empty). */
    private Out copy(ONode n, Set<String> keys) {
        if (n instanceof OMap m) {
            Out.OutMap o = new Out.OutMap(m.at());
            for (OEntry e : m.entries().values()) {
                if (keys.isEmpty() || keys.contains(e.key())) {
                    o.put(e.key().equals("hostname") && keys.contains("name") ? "name" : e.key(),
                            copy(e.value(), keys));
                }
            }
            return o;
        }
        if (n instanceof OList l) {
            Out.OutList o = new Out.OutList(l.at());
            for (ONode i : l.items()) {
                o.items.add(copy(i, keys));
            }
            return o;
        }
        return plain((OScalar) n);
    }

    static String text(ONode n) {
        return n instanceof OScalar s ? s.text() : null;
    }

    static String render(ONode n) {
        return n instanceof OScalar s ? (s.yaml11() != null ? s.yaml11() : s.text()) : n.kind();
    }

}
