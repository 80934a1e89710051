package org.miniascape.render.guest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.miniascape.model.Access;
import org.miniascape.model.AddressRange;
import org.miniascape.model.Dhcp;
import org.miniascape.model.DhcpBackend;
import org.miniascape.model.Disk;
import org.miniascape.model.Guest;
import org.miniascape.model.Hardware;
import org.miniascape.model.Install;
import org.miniascape.model.Ipv4;
import org.miniascape.model.Ipv4Cidr;
import org.miniascape.model.KernelBoot;
import org.miniascape.model.Localization;
import org.miniascape.model.MacAddress;
import org.miniascape.model.Network;
import org.miniascape.model.NetworkMode;
import org.miniascape.model.Nic;
import org.miniascape.model.Origin;
import org.miniascape.model.Partitioning;
import org.miniascape.model.Reservation;
import org.miniascape.model.Site;
import org.miniascape.model.Software;
import org.miniascape.model.StoragePool;
import org.miniascape.model.TemplateFile;
import org.miniascape.model.User;
import org.miniascape.validate.SiteResolver;

/**
 * Resolved sites with guests, built by hand from the model records: one per named scenario of issue 3.
 * Networks get the guests' reservations the way the resolver gives them. Addresses from documentation ranges.
 */
public final class GuestScenarios {
    public static final List<String> NAMES = List.of("rhel9-kickstart", "fedora-kickstart", "debian-preseed",
            "ubuntu-cloud-init", "import-image", "cluster-node-fencing", "direct-kernel-boot");
    /** A fixed salt, so that the golden files hold a stable hash of "secret". */
    public static final String ROOT_HASH = Sha2Crypt.sha512Crypt("secret".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "$6$miniascape");
    static final String SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKq1a2b3c4d5e6f7g8h9i0j1k2l3m4n5o6p7q8r9s0t1 admin@lab";
    static final String OTHER_KEY = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 other@lab";
    public static final String POOL_DIR = "/var/lib/libvirt/images";
    /** The template directory of the scenarios' setup_data (what {@code -t} gives a build of their YAML). */
    public static final java.nio.file.Path TEMPLATES = org.miniascape.testing.Golden.RESOURCES.resolve("guests-templates");

    /** The templates a build of the scenarios renders with: the embedded ones and {@link #TEMPLATES}. */
    public static org.miniascape.render.Templates templates() {
        return new org.miniascape.render.Templates(List.of(TEMPLATES));
    }

    private GuestScenarios() {
    }

    public static Site site(String scenario) {
        return switch (scenario) {
            case "rhel9-kickstart" -> site(List.of(guest("rhel9-1")
                    .os("rhel9.0").machine("q35")
                    .disk("default", 20, "virtio", "qcow2", "none")
                    .nic("net-1", "52:54:00:05:01:11", "198.51.100.11")
                    .install(Install.Method.KICKSTART, "/srv/miniascape/trees/rhel-9.0", null)
                    .describe("RHEL 9 web server\nsecond line of the description")
                    .packages("vim-enhanced", "tmux").services(List.of("sshd", "chronyd"), List.of("kdump"))
                    .ntp("ntp1.example.org", "198.51.100.1").selinux(Software.SeLinux.PERMISSIVE).kdump(false, null)
                    .firewall(List.of("8443/tcp"), List.of("http", "https"))
                    .post("echo done >/root/post-ran\nrestorecon -R /root")
                    .user("webadmin", ROOT_HASH, List.of("wheel"), 1001, null, false, SSH_KEY)
                    .user("deploy", null, List.of(), null, "/bin/bash", true, SSH_KEY, OTHER_KEY)
                    .partitioning(Partitioning.Scheme.LVM, "xfs", 2048)
                    .setup("setup/motd.j2", "motd", "0644").setup("setup/run.sh.j2", "bin/run.sh", "0755")
                    .build()));
            case "fedora-kickstart" -> site(List.of(guest("fedora-1")
                    .os("fedora37").virtType(Guest.VirtType.QEMU).serial(false)
                    .disk("default", 16, "sata", "qcow2", "writeback")
                    .nic("net-1", "52:54:00:05:01:21", "198.51.100.21")
                    .install(Install.Method.KICKSTART, "http://198.51.100.1/pub/fedora/releases/37/Everything/x86_64/os/",
                            null)
                    .locale("en_US.UTF-8", "us", "UTC")
                    .kdump(true, null)
                    .packages("git").build()));
            case "debian-preseed" -> site(List.of(guest("debian-1")
                    .os("debian11")
                    .disk("default", 10, "virtio", "qcow2", "none")
                    .nic("net-1", "52:54:00:05:01:31", "198.51.100.31")
                    .install(Install.Method.PRESEED,
                            "http://deb.debian.org/debian/dists/bullseye/main/installer-amd64/", null)
                    .locale("en_US.UTF-8", "de-latin1", "Europe/Berlin")
                    .utcClock(false).ntp("ntp.example.org", "198.51.100.1")
                    .packages("openssh-server", "sudo").services(List.of("ssh"), List.of())
                    .post("echo 'preseeded' >/etc/motd")
                    .user("deploy", ROOT_HASH, List.of("adm", "lab"), 1500, null, true, SSH_KEY)
                    .user("archiver", null, List.of("backup"), null, "/bin/sh", false, OTHER_KEY)
                    .partitioning(Partitioning.Scheme.PLAIN, "ext4", 1024)
                    .setup("setup/motd.j2", "motd", "0644").build()));
            case "ubuntu-cloud-init" -> site(List.of(guest("ubuntu-1")
                    .os("ubuntu22.04")
                    .disk("default", 12, "virtio", "qcow2", "none")
                    .nic("net-1", "52:54:00:05:01:41", "198.51.100.41")
                    .nic("net-2", "52:54:00:05:02:41", "203.0.113.41")
                    .install(Install.Method.CLOUD_INIT, null, "jammy-server-cloudimg-amd64.img")
                    .locale("en_US.UTF-8", "us", "Etc/UTC")
                    .ntp("ntp.ubuntu.com", "198.51.100.1")
                    .packages("qemu-guest-agent").services(List.of("qemu-guest-agent"), List.of())
                    .post("#!/bin/sh\necho \"cloud: $(hostname)\" >/root/post-ran\n")
                    .user("ops", ROOT_HASH, List.of("adm", "sudo"), 1100, null, true, SSH_KEY)
                    .user("viewer", null, List.of(), null, "/bin/sh", false, OTHER_KEY)
                    .setup("setup/motd.j2", "conf/motd", "0600").build()));
            case "import-image" -> site(List.of(guest("legacy-1")
                    .os("rhel8.6")
                    .volumeDisk("legacy-app.qcow2", "default", 30, "scsi", "qcow2", "none")
                    .nic("net-1", "52:54:00:05:01:51", "198.51.100.51")
                    .install(Install.Method.IMPORT, null, "legacy-appliance-base.qcow2")
                    .describe("an appliance imported as it is").build()));
            case "cluster-node-fencing" -> site(List.of(
                    guest("cluster-1").group("cluster").fencing().graphics(Hardware.Graphics.SPICE)
                            .os("rhel9.0").machine("q35").vcpus(2).memory(2048)
                            .disk("default", 20, "virtio", "qcow2", "none")
                            .disk("default", 5, "virtio", "raw", "directsync")
                            .nic("net-1", "52:54:00:05:01:61", "198.51.100.61")
                            .nic("net-2", "52:54:00:05:02:61", "203.0.113.61")
                            .install(Install.Method.KICKSTART, "/srv/miniascape/trees/rhel-9.0", null)
                            .packages("pcs", "pacemaker", "fence-agents-all")
                            .services(List.of("pcsd"), List.of()).build(),
                    guest("cluster-2").group("cluster").fencing().graphics(Hardware.Graphics.SPICE)
                            .os("rhel9.0").machine("q35").vcpus(2).memory(2048)
                            .disk("default", 20, "virtio", "qcow2", "none")
                            .disk("default", 5, "virtio", "raw", "directsync")
                            .nic("net-1", "52:54:00:05:01:62", "198.51.100.62")
                            .nic("net-2", "52:54:00:05:02:62", "203.0.113.62")
                            .install(Install.Method.KICKSTART, "/srv/miniascape/trees/rhel-9.0", null)
                            .packages("pcs", "pacemaker", "fence-agents-all")
                            .services(List.of("pcsd"), List.of()).build()));
            case "direct-kernel-boot" -> site(List.of(guest("appliance-1").group("appliances")
                    .os("debian11")
                    .volumeDisk("appliance-1-root.qcow2", "default", 4, "virtio", "qcow2", "none")
                    .nic("net-1", "52:54:00:05:01:71", "198.51.100.71")
                    .install(Install.Method.IMPORT, null, "appliance-root.qcow2")
                    .kernelBoot("/var/lib/libvirt/boot/vmlinuz", "/var/lib/libvirt/boot/initrd.img",
                            "root=/dev/vda rw console=ttyS0,115200n8 quiet")
                    .describe("an appliance booted from a kernel of the host").build()));
            default -> throw new IllegalArgumentException("no scenario " + scenario);
        };
    }

    /**
     * The site around the guests: net-1 (NAT) and net-2 (isolated) with the guests' reservations, one pool; the
     * guests' disks resolved as the loader's resolver does.
     */
    public static Site site(List<Guest> guests) {
        return site(guests, List.of(new StoragePool("default", "dir", POOL_DIR, true, Origin.NONE)));
    }

    /** The same with other pools (the guests' disks resolved against them). */
    public static Site site(List<Guest> guests, List<StoragePool> pools) {
        Site declared = new Site("lab", "lab.example", List.of(
                network("net-1", NetworkMode.NAT, "virbr151", "198.51.100.0/24", guests),
                network("net-2", NetworkMode.ISOLATED, "virbr152", "203.0.113.0/24", guests)),
                List.copyOf(pools), List.copyOf(guests));
        return new Site(declared.name(), declared.domain(), declared.networks(), declared.storagePools(),
                guests.stream().map(g -> SiteResolver.resolveDisks(g, declared)).toList());
    }

    /** The same site with every network on the standalone dnsmasq backend. */
    public static Site withDnsmasqBackend(Site site) {
        List<Network> networks = site.networks().stream().map(n -> n.withDhcpBackend(DhcpBackend.DNSMASQ)).toList();
        return new Site(site.name(), site.domain(), networks, site.storagePools(), site.guests());
    }

    static Network network(String name, NetworkMode mode, String bridge, String cidrText, List<Guest> guests) {
        Ipv4Cidr cidr = Ipv4Cidr.parse(cidrText);
        List<Reservation> reservations = new ArrayList<>();
        for (Guest g : guests) {
            for (Nic n : g.nics()) {
                if (n.network().equals(name)) {
                    reservations.add(new Reservation(g.name(), n.mac(), n.ip().orElseThrow(), true, Origin.NONE));
                }
            }
        }
        reservations.sort((a, b) -> a.ip().compareTo(b.ip()));
        Ipv4 gw = cidr.firstHost();
        Dhcp dhcp = new Dhcp(Optional.of(new AddressRange(gw.plus(199), gw.plus(249))),
                Optional.of(new AddressRange(gw.plus(9), gw.plus(198))), Optional.of(3600L));
        return new Network(name, "", mode, bridge, name + ".lab.example",
                Optional.of(cidr), Optional.of(gw), Optional.of(dhcp), DhcpBackend.LIBVIRT, Optional.empty(),
                Optional.empty(), true, List.of(), List.of(), List.copyOf(reservations), Origin.NONE);
    }

    public static GuestBuilder guest(String name) {
        return new GuestBuilder(name);
    }

    /** Defaults as the loader gives them; each scenario changes what it is about. */
    public static final class GuestBuilder {
        String name;
        Optional<String> group = Optional.empty();
        String description = "";
        int vcpus = 1;
        int memory = 1024;
        String arch = "x86_64";
        Optional<String> machine = Optional.empty();
        String os = "rhel9.0";
        Guest.VirtType virtType = Guest.VirtType.KVM;
        List<Disk> disks = new ArrayList<>();
        List<Nic> nics = new ArrayList<>();
        Install install = Install.NONE;
        Optional<String> timezone = Optional.of("Asia/Tokyo");
        Optional<String> keyboard = Optional.of("jp106");
        Optional<String> lang = Optional.of("ja_JP.UTF-8");
        Optional<String> rootHash = Optional.of(ROOT_HASH);
        List<String> keys = new ArrayList<>(List.of(SSH_KEY));
        List<String> packages = new ArrayList<>();
        List<String> enabled = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        boolean serial = true;
        Hardware.Graphics graphics;
        boolean fencing;
        Optional<String> post = Optional.empty();
        boolean utcClock = true;
        List<String> ntpServers = List.of();
        Software.SeLinux selinux = Software.SeLinux.ENFORCING;
        Optional<org.miniascape.model.Kdump> kdump = Optional.empty();
        List<String> firewallPorts = List.of();
        List<String> firewallServices = List.of();
        List<TemplateFile> templates = new ArrayList<>();
        List<org.miniascape.model.SetupFile> setupData = new ArrayList<>();
        Optional<KernelBoot> kernelBoot = Optional.empty();
        List<User> users = new ArrayList<>();
        Optional<Partitioning> partitioning = Optional.empty();

        GuestBuilder(String name) {
            this.name = name;
        }

        public GuestBuilder group(String g) {
            group = Optional.of(g);
            return this;
        }

        public GuestBuilder describe(String d) {
            description = d;
            return this;
        }

        public GuestBuilder vcpus(int n) {
            vcpus = n;
            return this;
        }

        public GuestBuilder memory(int mib) {
            memory = mib;
            return this;
        }

        public GuestBuilder os(String variant) {
            os = variant;
            return this;
        }

        public GuestBuilder machine(String m) {
            machine = Optional.of(m);
            return this;
        }

        public GuestBuilder virtType(Guest.VirtType t) {
            virtType = t;
            return this;
        }

        public GuestBuilder serial(boolean on) {
            serial = on;
            return this;
        }

        public GuestBuilder graphics(Hardware.Graphics g) {
            graphics = g;
            return this;
        }

        public GuestBuilder fencing() {
            fencing = true;
            return this;
        }

        public GuestBuilder disk(String pool, long gib, String bus, String format, String cache) {
            return volumeDisk(name + "-disk" + disks.size() + "." + format, pool, gib, bus, format, cache);
        }

        public GuestBuilder volumeDisk(String volume, String pool, long gib, String bus, String format, String cache) {
            disks.add(new Disk(volume, pool, gib, bus, format, cache, Optional.empty(), Optional.empty(), Origin.NONE));
            return this;
        }

        public GuestBuilder nic(String network, String mac, String ip) {
            return nic(network, mac, ip, Optional.empty());
        }

        public GuestBuilder nic(String network, String mac, String ip, Nic.BootProto bootproto) {
            return nic(network, mac, ip, Optional.of(bootproto));
        }

        /** An interface declaring both addresses, resolved to them. */
        private GuestBuilder nic(String network, String mac, String ip, Optional<Nic.BootProto> bootproto) {
            MacAddress m = MacAddress.parse(mac);
            Optional<Ipv4> a = Optional.of(Ipv4.parse(ip));
            nics.add(new Nic(network, m, a, "virtio", bootproto, Origin.NONE));
            return this;
        }

        public GuestBuilder install(Install.Method method, String location, String image) {
            install = new Install(method, Optional.ofNullable(location), Optional.ofNullable(image),
                    Optional.empty(), Optional.empty());
            return this;
        }

        public GuestBuilder extraArgs(String args) {
            install = new Install(install.method(), install.location(), install.image(), install.cdrom(),
                    Optional.of(args));
            return this;
        }

        public GuestBuilder location(String location) {
            install = new Install(install.method(), Optional.of(location), install.image(), install.cdrom(),
                    install.extraArgs());
            return this;
        }

        public GuestBuilder locale(String l, String kb, String tz) {
            lang = Optional.of(l);
            keyboard = Optional.of(kb);
            timezone = Optional.of(tz);
            return this;
        }

        /** No timezone, keyboard or lang: as a site that sets none. */
        public GuestBuilder noLocale() {
            lang = Optional.empty();
            keyboard = Optional.empty();
            timezone = Optional.empty();
            return this;
        }

        public GuestBuilder noRootPassword() {
            rootHash = Optional.empty();
            return this;
        }

        public GuestBuilder sshKeys(String... k) {
            keys = new ArrayList<>(List.of(k));
            return this;
        }

        public GuestBuilder packages(String... p) {
            packages.addAll(List.of(p));
            return this;
        }

        public GuestBuilder services(List<String> on, List<String> off) {
            enabled.addAll(on);
            disabled.addAll(off);
            return this;
        }

        /** The hardware clock keeps UTC (true, the default) or local time. */
        public GuestBuilder utcClock(boolean utc) {
            utcClock = utc;
            return this;
        }

        public GuestBuilder ntp(String... servers) {
            ntpServers = List.of(servers);
            return this;
        }

        public GuestBuilder selinux(Software.SeLinux mode) {
            selinux = mode;
            return this;
        }

        /** kdump on or off; {@code reserveMb} null: auto. */
        public GuestBuilder kdump(boolean enabled, Integer reserveMb) {
            kdump = Optional.of(new org.miniascape.model.Kdump(enabled, Optional.ofNullable(reserveMb)));
            return this;
        }

        public GuestBuilder firewall(List<String> ports, List<String> services) {
            firewallPorts = List.copyOf(ports);
            firewallServices = List.copyOf(services);
            return this;
        }

        public GuestBuilder post(String script) {
            post = Optional.of(script);
            return this;
        }

        /** Direct kernel boot; {@code initrd} and {@code cmdline} may be null. */
        public GuestBuilder kernelBoot(String kernel, String initrd, String cmdline) {
            kernelBoot = Optional.of(new KernelBoot(kernel, Optional.ofNullable(initrd), Optional.ofNullable(cmdline),
                    Origin.NONE));
            return this;
        }

        /** A user: its password hash (or null), groups, uid (or null), shell (or null), sudo and keys. */
        public GuestBuilder user(String name, String hash, List<String> groups, Integer uid, String shell, boolean sudo,
                                 String... keys) {
            users.add(new User(name, Optional.ofNullable(hash), List.of(keys), List.copyOf(groups),
                    Optional.ofNullable(uid), Optional.ofNullable(shell), sudo, Origin.NONE));
            return this;
        }

        /** The installer's layout; {@code filesystem} and {@code swap} may be null. */
        public GuestBuilder partitioning(Partitioning.Scheme scheme, String filesystem, Integer swap) {
            partitioning = Optional.of(new Partitioning(scheme, Optional.ofNullable(filesystem),
                    Optional.ofNullable(swap), Origin.NONE));
            return this;
        }

        /** An entry of setup_data: a template of {@link #TEMPLATES}, its dst and mode (four octal digits). */
        public GuestBuilder setup(String src, String dst, String mode) {
            setupData.add(new org.miniascape.model.SetupFile(src, dst, mode, Origin.NONE));
            return this;
        }

        public GuestBuilder template(String key, String src, String dst) {
            templates.add(new TemplateFile(key, src, dst));
            return this;
        }

        public Guest build() {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("name", name);
            settings.put("description", description);
            settings.put("os_variant", os);
            return new Guest(name, group, description,
                    new Hardware(vcpus, memory, arch, machine, os, virtType, serial,
                            graphics != null ? graphics : Hardware.Graphics.defaultFor(serial), fencing, kernelBoot),
                    new Localization(timezone, keyboard, lang, utcClock, ntpServers),
                    new Access(rootHash, List.copyOf(keys), List.copyOf(users)),
                    new Software(List.copyOf(packages), List.copyOf(enabled), List.copyOf(disabled), post, List.of(),
                            firewallPorts, firewallServices, selinux, kdump),
                    List.copyOf(disks), List.copyOf(nics), partitioning.isEmpty() ? install : new Install(install.method(),
                            install.location(), install.image(), install.cdrom(), install.extraArgs(), install.seed(),
                            partitioning), List.copyOf(templates), settings, Origin.NONE, List.copyOf(setupData));
        }
    }
}
