package org.miniascape.config;

import java.util.Set;

/** The documented configuration keys of each kind of mapping (docs/configuration.md). */
final class Keys {
    /** Top-level keys with this prefix are free for YAML anchors and ignored. */
    static final String EXTENSION_PREFIX = "x-";
    static final Set<String> SITE = Set.of("site", "domain", "description", "networks", "storage_pools", "common",
            "guests", "vars", "hosts", "placement");
    /** {@code placement}: how guests without {@code host} are put on the hosts (model.Placement); default spread. */
    static final java.util.List<String> PLACEMENT = java.util.List.of("spread", "pack");
    /**
     * An entry of the top-level {@code hosts} (model.Host): {@code name} (required, a host name), {@code uri}
     * (required, a libvirt URI), {@code underlay} (required, IPv4), {@code shell} (ssh | local | a command
     * prefix; default ssh when the URI names a host, else local), {@code memory} (MiB) and {@code vcpus}
     * (optional capacity, respected by placement), {@code underlay_mtu} (default 1500).
     */
    static final Set<String> SITE_HOST = Set.of("name", "uri", "underlay", "shell", "memory", "vcpus",
            "underlay_mtu");
    static final Set<String> NETWORK = Set.of("name", "description", "mode", "bridge", "domain", "cidr", "gateway",
            "netmask", "network", "dhcp", "dns", "hosts", "dhcp_backend", "forward_dev", "mtu", "autostart", "home",
            "vni");
    static final Set<String> DHCP = Set.of("start", "end", "static", "lease_time");
    static final Set<String> RANGE = Set.of("start", "end");
    static final Set<String> DNS = Set.of("forwarders", "hosts");
    static final Set<String> DNS_HOST = Set.of("ip", "names");
    static final Set<String> HOST = Set.of("name", "hostname", "mac", "ip");
    static final Set<String> POOL = Set.of("name", "type", "path", "autostart");
    static final Set<String> GUEST = Set.of("name", "hostname", "description", "vcpus", "memory", "arch", "machine",
            "os_variant", "disks", "interfaces", "install", "timezone", "keyboard", "lang", "root_password",
            "ssh_authorized_keys", "packages", "services", "console", "virt_type", "post_script", "templates",
            "fencing", "boot", "vars", "host", "repos", "firewall", "hardware_clock", "ntp_servers", "selinux",
            "kdump", "users", "partitioning", "setup_data");
    /** A group: guest keys as defaults for its members, and the members. */
    static final Set<String> GROUP = union(GUEST, Set.of("guests"));
    static final Set<String> DISK = Set.of("volume", "pool", "size", "bus", "format", "cache", "backing",
            "shareable", "readonly");
    static final Set<String> INTERFACE = Set.of("network", "ip", "mac", "model", "bootproto", "dns_name",
            "dns", "nameservers");
    /**
     * The values of an interface's {@code bootproto} (a string, optional): how the guest's install files configure
     * it. The default depends on the network: {@code dhcp} where this host serves DHCP (the reservation gives the
     * address), {@code static} (the reserved address) on a bridge with a {@code cidr}, and DHCP from the LAN on a
     * bridge whose subnet the site does not know, where {@code static} is refused.
     */
    static final java.util.List<String> BOOTPROTO = java.util.List.of("dhcp", "static");
    static final Set<String> INSTALL = Set.of("method", "location", "image", "cdrom", "extra_args", "seed");
    static final Set<String> SERVICES = Set.of("enabled", "disabled");
    static final Set<String> CONSOLE = Set.of("serial", "graphics");
    static final java.util.List<String> GRAPHICS = java.util.Arrays.stream(
            org.miniascape.model.Hardware.Graphics.values()).map(org.miniascape.model.Hardware.Graphics::key).toList();
    /** An extra package repository of the installer (kickstart's repo): both required. */
    static final Set<String> REPO = Set.of("name", "baseurl");
    /** The guest's firewall: ports and services (firewalld's names) open besides ssh. */
    static final Set<String> FIREWALL = Set.of("ports", "services");
    /** {@code hardware_clock}: what the guest's RTC keeps (model.Localization.utcClock); default utc. */
    static final java.util.List<String> HARDWARE_CLOCK = java.util.List.of("utc", "local");
    /** {@code selinux}: the mode after the install (model.Software.SeLinux); default enforcing. */
    static final java.util.List<String> SELINUX = java.util.List.of("enforcing", "permissive", "disabled");
    /** {@code kdump}: {@code enabled} (default true), {@code reserve} (auto, the default, or MiB). */
    static final Set<String> KDUMP = Set.of("enabled", "reserve");
    /** Direct kernel boot: {@code kernel} (required), {@code initrd}, {@code cmdline} (model.KernelBoot). */
    static final Set<String> BOOT = Set.of("kernel", "initrd", "cmdline");
    static final Set<String> TEMPLATE = Set.of("src", "dst");
    /**
     * An entry of {@code setup_data} (model.SetupFile): {@code src} (required, a template), {@code dst} (a path in
     * the guest's setup directory, default src), {@code mode} (octal, default 0644).
     */
    static final Set<String> SETUP_FILE = Set.of("src", "dst", "mode");
    /**
     * An entry of {@code users} (model.User): {@code name} (required), {@code password} (plain text, hashed as
     * root_password is, or a crypt hash), {@code ssh_authorized_keys}, {@code groups}, {@code uid}, {@code shell},
     * {@code sudo}.
     */
    static final Set<String> USER = Set.of("name", "password", "ssh_authorized_keys", "groups", "uid", "shell", "sudo");
    /** {@code partitioning} (model.Partitioning): {@code scheme}, {@code filesystem}, {@code swap} (MiB, 0: none). */
    static final Set<String> PARTITIONING = Set.of("scheme", "filesystem", "swap");

    private Keys() {
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
