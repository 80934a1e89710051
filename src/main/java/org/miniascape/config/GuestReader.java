package org.miniascape.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.miniascape.config.YNode.Entry;
import org.miniascape.config.YNode.YList;
import org.miniascape.config.YNode.YMap;
import org.miniascape.config.YNode.YScalar;
import org.miniascape.model.Access;
import org.miniascape.model.Guest;
import org.miniascape.model.Hardware;
import org.miniascape.model.Install;
import org.miniascape.model.Ipv4;
import org.miniascape.model.KernelBoot;
import org.miniascape.model.Localization;
import org.miniascape.model.MacAddress;
import org.miniascape.model.Nic;
import org.miniascape.model.SetupFile;
import org.miniascape.model.Software;
import org.miniascape.model.SourcePosition;
import org.miniascape.model.TemplateFile;
import org.miniascape.model.declared.DeclaredDisk;
import org.miniascape.model.declared.DeclaredGuest;
import org.miniascape.model.declared.DeclaredNic;
import org.miniascape.validate.Problems;
import org.miniascape.validate.Text;

/**
 * Reads {@code guests}: groups (entries with their own {@code guests}) nest, and each guest's settings are
 * {@code common} &lt; its groups, outermost first &lt; the guest itself, deep-merged. Keys are checked where
 * they are written (common, group, guest), so a typo in {@code common} is reported once, not once per guest.
 */
final class GuestReader {
    static final Pattern HOST_NAME = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** crypt(3) hashes that are taken as they are: MD5, SHA-256, SHA-512, bcrypt, yescrypt. */
    static final Pattern CRYPT_HASH = Pattern.compile("\\$(1|5|6|2[aby]|y|gy|7)\\$[^\\s]+");

    private final Problems problems;
    private final String siteName;
    private final List<DeclaredGuest> guests = new ArrayList<>();
    /** By guest name: the declared {@code host} (multi-host sites), from the guest, a group or common. */
    private final Map<String, String> hosts = new LinkedHashMap<>();
    private final Map<String, String> hashes = new java.util.HashMap<>();
    /** Users' password hashes by user name and password (a user of common's is hashed once). */
    private final Map<List<String>, String> userHashes = new java.util.HashMap<>();
    /** The vars mappings checked already (one inherited by many guests is reported once). */
    private final Set<SourcePosition> reportedVars = new java.util.HashSet<>();

    GuestReader(Problems problems, String siteName) {
        this.problems = problems;
        this.siteName = siteName;
    }

    /** The declared {@code host} of the guests read, by guest name. */
    Map<String, String> hosts() {
        return hosts;
    }

    /** Reads the site's {@code common} and {@code guests}. */
    List<DeclaredGuest> read(Optional<YNode> common, Optional<YNode> guestList) {
        YMap defaults = new YMap(new LinkedHashMap<>(), SourcePosition.UNKNOWN);
        if (common.isPresent()) {
            Optional<YMap> c = MapReader.asMap(common.get(), "'common'", problems);
            if (c.isPresent()) {
                MapReader.checkKeys(c.get(), "'common'", Keys.GUEST, problems);
                defaults = withoutKeys(c.get(), "name", "hostname");
            }
        }
        if (guestList.isPresent()) {
            readList(guestList.get(), defaults, Optional.empty());
        }
        return List.copyOf(guests);
    }

    private void readList(YNode node, YMap defaults, Optional<String> group) {
        if (!(node instanceof YList list)) {
            problems.add(node.at(), "'guests' must be a list, not " + node.kind());
            return;
        }
        for (YNode item : list.items()) {
            Optional<YMap> map = MapReader.asMap(item, "a guest", problems);
            if (map.isEmpty()) {
                continue;
            }
            if (map.get().has("guests")) {
                MapReader g = new MapReader(map.get(), "group", Keys.GROUP, problems);
                Optional<String> groupName = nameOf(g, problems);
                YMap groupDefaults = (YMap) TreeMerge.merge(defaults,
                        withoutKeys(map.get(), "name", "hostname", "guests"));
                readList(map.get().get("guests"), groupDefaults, groupName.or(() -> group));
            } else {
                MapReader.checkKeys(map.get(), "guest", Keys.GUEST, problems);
                YMap merged = (YMap) TreeMerge.merge(defaults, map.get());
                readGuest(merged, map.get().at(), group).ifPresent(guests::add);
            }
        }
    }

    private static YMap withoutKeys(YMap map, String... keys) {
        LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(map.entries());
        for (String k : keys) {
            entries.remove(k);
        }
        return new YMap(entries, map.at());
    }

    /** {@code name}, or the 0.3 key {@code hostname}; must be a host name (one DNS label). */
    static Optional<String> nameOf(MapReader r, Problems problems) {
        if (r.has("name") && r.has("hostname")) {
            r.error("hostname", "give either 'name' or 'hostname' (its older spelling), not both");
        }
        String key = r.has("hostname") && !r.has("name") ? "hostname" : "name";
        Optional<String> name = r.requiredString(key);
        if (name.isPresent() && !HOST_NAME.matcher(name.get()).matches()) {
            r.error(key, "'" + name.get() + "' is not a valid host name (letters, digits and '-', at most 63)");
            return Optional.empty();
        }
        return name.map(n -> n.toLowerCase(Locale.ROOT));
    }

    /** A name of {@code vars}: what a template can write as {@code vars.NAME}. */
    static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * {@code vars}: the user's own values for templates, a mapping whose names are identifiers (nested values
     * are free). Checked on the merged guest: each level's vars merge key by key like every guest mapping.
     */
    private void checkVars(YNode vars) {
        if (vars == null) {
            return;
        }
        if (!(vars instanceof YMap m)) {
            if (reportedVars.add(vars.at())) {
                problems.add(vars.at(), "'vars' must be a mapping of names to values, not " + vars.kind());
            }
            return;
        }
        for (Entry e : m.entries().values()) {
            if (!VAR_NAME.matcher(e.key()).matches() && reportedVars.add(e.keyAt())) {
                problems.add(e.keyAt(), "vars name '" + Text.printable(e.key()) + "' must be a template identifier"
                        + " (letters, digits and '_', not starting with a digit), so that templates can write vars."
                        + e.key());
            }
        }
    }

    private Optional<DeclaredGuest> readGuest(YMap merged, SourcePosition at, Optional<String> group) {
        YMap placed = new YMap(merged.entries(), at);
        MapReader r = new MapReader(placed, "guest", problems);
        Optional<String> name = nameOf(r, problems);
        int vcpus = r.integer("vcpus", 1, 512).orElse(1L).intValue();
        int memory = r.integer("memory", 64, 16L * 1024 * 1024).orElse(1024L).intValue();
        String arch = r.choice("arch", List.of("x86_64", "i686", "aarch64", "ppc64le", "s390x")).orElse("x86_64");
        Guest.VirtType virtType = r.choice("virt_type", List.of("kvm", "qemu"))
                .map(v -> Guest.VirtType.valueOf(v.toUpperCase(Locale.ROOT))).orElse(Guest.VirtType.KVM);
        String guestName = name.orElse("guest");
        List<DeclaredDisk> disks = readDisks(r, guestName);
        List<DeclaredNic> nics = readNics(r);
        Install install = r.submap("install").map(this::readInstall).orElse(Install.NONE);
        AccountReader accounts = new AccountReader(problems, this::hashUserPassword);
        Optional<org.miniascape.model.Partitioning> partitioning = accounts.partitioning(r);
        if (partitioning.isPresent()) {
            install = new Install(install.method(), install.location(), install.image(), install.cdrom(),
                    install.extraArgs(), install.seed(), partitioning);
        }
        List<org.miniascape.model.User> users = accounts.users(r);
        Optional<String> hash = r.string("root_password").map(this::hashPassword);
        List<String> enabled = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        r.submap("services").ifPresent(m -> {
            MapReader s = new MapReader(m, "'services' of guest", Keys.SERVICES, problems);
            enabled.addAll(s.strings("enabled"));
            disabled.addAll(s.strings("disabled"));
        });
        Optional<MapReader> console = r.submap("console")
                .map(m -> new MapReader(m, "'console' of guest", Keys.CONSOLE, problems));
        boolean serial = console.flatMap(c -> c.bool("serial")).orElse(true);
        Hardware.Graphics graphics = console.flatMap(c -> c.choice("graphics", Keys.GRAPHICS))
                .map(g -> Hardware.Graphics.valueOf(g.toUpperCase(Locale.ROOT)))
                .orElse(Hardware.Graphics.defaultFor(serial));
        Optional<KernelBoot> kernelBoot = r.submap("boot").flatMap(this::readBoot);
        List<TemplateFile> templates = readTemplates(r);
        List<SetupFile> setupData = readSetupData(r);
        checkVars(placed.get("vars"));
        Optional<String> host = r.string("host");
        Map<String, Object> settings = Plain.of(placed);
        hash.ifPresent(h -> settings.put("root_password", h));
        hashedUsers(settings, users);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        host.ifPresent(h -> hosts.putIfAbsent(name.get(), h.toLowerCase(Locale.ROOT)));
        String description = r.string("description").orElse("");
        Optional<String> machine = r.string("machine");
        String osVariant = r.string("os_variant").orElse("generic");
        Localization localization = SystemReader.localization(r);
        Access access = new Access(hash, r.strings("ssh_authorized_keys"), users);
        List<String> packages = r.strings("packages");
        Hardware hardware = new Hardware(vcpus, memory, arch, machine, osVariant, virtType, serial, graphics,
                r.bool("fencing").orElse(false), kernelBoot);
        SystemReader.Firewall firewall = SystemReader.firewall(r, problems);
        Software software = new Software(packages, List.copyOf(enabled), List.copyOf(disabled),
                r.string("post_script"), readRepos(r), firewall.ports(), firewall.services(),
                SystemReader.selinux(r), SystemReader.kdump(r, problems));
        return Optional.of(new DeclaredGuest(name.get(), group, description, hardware, localization, access, software,
                disks, nics, install, templates, java.util.Collections.unmodifiableMap(settings), r.origin(),
                setupData));
    }

    private List<DeclaredDisk> readDisks(MapReader r, String guestName) {
        List<DeclaredDisk> disks = new ArrayList<>();
        List<YNode> items = r.list("disks");
        for (int i = 0; i < items.size(); i++) {
            Optional<YMap> m = MapReader.asMap(items.get(i), "a disk of guest", problems);
            if (m.isEmpty()) {
                continue;
            }
            MapReader d = new MapReader(m.get(), "disk of guest", Keys.DISK, problems);
            boolean shareable = d.bool("shareable").orElse(false);
            boolean readOnly = d.bool("readonly").orElse(false);
            // Several guests write a shareable disk at once: only a raw image allows that (libvirt refuses shared
            // access to any other format), so raw is its default.
            String format = d.choice("format", List.of("qcow2", "raw")).orElse(shareable ? "raw" : "qcow2");
            if (shareable && !format.equals("raw")) {
                d.error("format", "a shareable disk must be raw: QEMU lets several guests write only a raw image"
                        + " (libvirt refuses shared access to " + format + "); write format: raw or leave it out");
            }
            if (shareable && readOnly) {
                d.error("readonly", "a disk is either shareable (written by several guests) or readonly, not both");
            }
            Optional<String> backing = d.string("backing");
            if (backing.isPresent() && format.equals("raw")) {
                d.error("backing", "a raw disk cannot have a backing volume; use format: qcow2");
            }
            String volume = d.string("volume").orElse(guestName + "-disk" + i + "." + format);
            if (volume.contains("/") || volume.startsWith(".")) {
                d.error("volume", "volume name '" + volume + "' must be a plain file name in its pool");
            }
            String cache = d.choice("cache", List.of("none", "writeback", "writethrough", "directsync", "unsafe",
                    "default")).orElse("none");
            if (shareable && !cache.equals("none") && !cache.equals("directsync")) {
                // libvirt: a shareable disk is expected to have caching deactivated, or one guest reads stale data
                // another guest has written.
                d.error("cache", "a shareable disk needs the host's cache off: cache none or directsync, not "
                        + cache + " (with a cache, a guest reads stale data that another has written)");
            }
            disks.add(new DeclaredDisk(volume, d.string("pool").orElse("default"), d.integer("size", 1, 65536).orElse(10L),
                    d.choice("bus", List.of("virtio", "scsi", "sata")).orElse("virtio"), format, cache, shareable,
                    readOnly, backing, d.origin()));
        }
        return List.copyOf(disks);
    }

    /** {@code repos}: each {@code {name, baseurl}}, names unique (kickstart refuses a second repo of a name). */
    private List<org.miniascape.model.Repo> readRepos(MapReader r) {
        List<org.miniascape.model.Repo> repos = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (YNode item : r.list("repos")) {
            Optional<YMap> m = MapReader.asMap(item, "a repo of guest", problems);
            if (m.isEmpty()) {
                continue;
            }
            MapReader rr = new MapReader(m.get(), "repo of guest", Keys.REPO, problems);
            Optional<String> name = rr.requiredString("name");
            Optional<String> baseurl = rr.requiredString("baseurl");
            if (name.isPresent() && !names.add(name.get())) {
                rr.error("name", "a second repo named '" + Text.printable(name.get()) + "' (each repo needs a name"
                        + " of its own)");
            } else if (name.isPresent() && baseurl.isPresent()) {
                repos.add(new org.miniascape.model.Repo(name.get(), baseurl.get(), rr.origin()));
            }
        }
        return List.copyOf(repos);
    }

    private List<DeclaredNic> readNics(MapReader r) {
        List<DeclaredNic> nics = new ArrayList<>();
        for (YNode item : r.list("interfaces")) {
            Optional<YMap> m = MapReader.asMap(item, "an interface of guest", problems);
            if (m.isEmpty()) {
                continue;
            }
            MapReader n = new MapReader(m.get(), "interface of guest", Keys.INTERFACE, problems);
            Optional<String> network = n.requiredString("network");
            Optional<MacAddress> mac = n.mac("mac");
            Optional<Ipv4> ip = n.ipv4("ip");
            String model = n.choice("model", List.of("virtio", "e1000", "e1000e", "rtl8139")).orElse("virtio");
            Optional<Nic.BootProto> bootproto = n.choice("bootproto", Keys.BOOTPROTO)
                    .map(b -> Nic.BootProto.valueOf(b.toUpperCase(Locale.ROOT)));
            Optional<String> dnsName = n.string("dns_name").map(d -> d.toLowerCase(Locale.ROOT));
            dnsName.filter(d -> !NetworkReader.isDnsName(d)).ifPresent(d -> n.error("dns_name", "dns_name '" + d
                    + "' is not a valid DNS name (" + NetworkReader.DNS_NAME_RULE + ")"));
            boolean dns = n.bool("dns").orElse(true);
            if (!dns && dnsName.isPresent()) {
                n.error("dns_name", "an interface with 'dns: false' is left out of DNS: it has no dns_name");
            }
            if (network.isPresent()) {
                nics.add(new DeclaredNic(network.get(), mac, ip, model, bootproto, n.origin(),
                        dnsName.filter(NetworkReader::isDnsName), dns, n.bool("nameservers").orElse(true)));
            }
        }
        return List.copyOf(nics);
    }

    /**
     * {@code boot}: its values are checked with the guest's other values (GuestChecks). An empty cmdline is none,
     * so that a guest can drop the one its group gives.
     */
    private Optional<KernelBoot> readBoot(YMap map) {
        MapReader b = new MapReader(map, "'boot' of guest", Keys.BOOT, problems);
        Optional<String> kernel = b.requiredString("kernel");
        Optional<String> initrd = b.string("initrd");
        Optional<String> cmdline = b.string("cmdline").filter(c -> !c.isEmpty());
        return kernel.map(k -> new KernelBoot(k, initrd, cmdline, b.origin()));
    }

    private Install readInstall(YMap map) {
        MapReader r = new MapReader(map, "'install' of guest", Keys.INSTALL, problems);
        Install.Method method = r.choice("method", List.of("kickstart", "preseed", "cloud-init", "import", "none"))
                .flatMap(Install.Method::fromKey).orElse(Install.Method.NONE);
        boolean seed = r.bool("seed").orElse(false);
        if (seed && method != Install.Method.IMPORT) {
            r.error("seed", "install.seed is for method import (an imported image that runs cloud-init);"
                    + " method " + method.key() + (method == Install.Method.CLOUD_INIT ? " always has its seed"
                    : " takes none"));
        }
        Install install = new Install(method, r.string("location"), r.string("image"), r.string("cdrom"),
                r.string("extra_args"), seed);
        if (method.installer() && install.location().isEmpty() && install.cdrom().isEmpty()) {
            r.error("method", "install method " + method.key() + " needs 'location' (an install tree) or 'cdrom'");
        }
        return install;
    }

    /**
     * The files every guest's build may write in its directory (besides {@code volumes/} and {@code cloud-init/}):
     * a template's {@code dst} cannot be one of them.
     */
    static final Set<String> GENERATED_FILES = Set.of("domain.xml", "vmbuild.sh", "net_register.sh", "ks.cfg",
            "preseed.cfg", "preseed-late.sh");

    private List<TemplateFile> readTemplates(MapReader r) {
        List<TemplateFile> files = new ArrayList<>();
        Map<String, String> dsts = new java.util.HashMap<>();
        r.submap("templates").ifPresent(m -> {
            for (Entry e : m.entries().values()) {
                MapReader.asMap(e.value(), "template '" + e.key() + "'", problems).ifPresent(t -> {
                    MapReader tr = new MapReader(t, "template '" + e.key() + "'", Keys.TEMPLATE, problems);
                    Optional<String> src = tr.requiredString("src").filter(v -> relativePath(tr, "src", v,
                            "a template path relative to the template directories (-t DIR)"));
                    Optional<String> dst = tr.requiredString("dst").filter(v -> relativePath(tr, "dst", v,
                            "a relative path inside the guest's output directory"));
                    dst.ifPresent(d -> {
                        String top = d.contains("/") ? d.substring(0, d.indexOf('/')) : d;
                        if (GENERATED_FILES.contains(d) || top.equals("volumes") || top.equals("cloud-init")
                                || top.equals(SetupFile.OUTPUT_DIR)) {
                            tr.error("dst", "'dst' " + d + " is where the build writes a file of its own; a template"
                                    + " cannot replace it (0.3's templates.autoinst did): give your file another dst");
                        }
                        for (Map.Entry<String, String> other : dsts.entrySet()) {
                            if (other.getKey().equals(d) || other.getKey().startsWith(d + "/")
                                    || d.startsWith(other.getKey() + "/")) {
                                tr.error("dst", "'dst' " + d + " clashes with 'dst' " + other.getKey() + " of template '"
                                        + other.getValue() + "'");
                            }
                        }
                        dsts.put(d, e.key());
                    });
                    if (src.isPresent() && dst.isPresent()) {
                        files.add(new TemplateFile(e.key(), src.get(), dst.get()));
                    }
                });
            }
        });
        return List.copyOf(files);
    }

    /** A {@code mode} of setup_data: three or four octal digits (a YAML integer 755 is read as its digits). */
    static final Pattern MODE = Pattern.compile("[0-7]{3,4}");

    /**
     * {@code setup_data}: a list of {@code {src, dst, mode}}, files rendered from the user's templates into
     * {@code setup/DST} of the guest's output and unpacked into {@link SetupFile#GUEST_DIR}/DST at install. A
     * list, so a level that gives its own replaces the inherited one (as 0.3 did). {@code dst} defaults to
     * {@code src} (0.3's default); each {@code dst} is neither another's nor a directory of another's.
     */
    private List<SetupFile> readSetupData(MapReader r) {
        List<SetupFile> files = new ArrayList<>();
        Map<String, SourcePosition> dsts = new LinkedHashMap<>();
        List<YNode> items = r.list("setup_data");
        for (int i = 0; i < items.size(); i++) {
            String what = "setup_data[" + i + "] of guest";
            Optional<YMap> m = MapReader.asMap(items.get(i), "an entry of 'setup_data' (a {src, dst, mode} mapping)",
                    problems);
            if (m.isEmpty()) {
                continue;
            }
            MapReader sr = new MapReader(m.get(), what, Keys.SETUP_FILE, problems);
            Optional<String> src = sr.requiredString("src").filter(v -> relativePath(sr, "src", v,
                    "a template path relative to the template directories (-t DIR)"));
            Optional<String> dst = sr.has("dst")
                    ? sr.string("dst").filter(v -> relativePath(sr, "dst", v, "a relative path inside "
                            + SetupFile.GUEST_DIR + " (the guest's setup directory)"))
                    : src;
            Optional<String> mode = sr.string("mode");
            if (mode.isPresent() && !MODE.matcher(mode.get()).matches()) {
                sr.error("mode", "'mode' of " + what + " must be three or four octal digits such as 0755 or 644,"
                        + " not '" + Text.printable(mode.get()) + "'");
                mode = Optional.empty();
            }
            if (dst.isPresent()) {
                String d = dst.get();
                SourcePosition at = sr.has("dst") ? sr.at("dst") : sr.at("src");
                for (Map.Entry<String, SourcePosition> other : dsts.entrySet()) {
                    if (other.getKey().equals(d) || other.getKey().startsWith(d + "/")
                            || d.startsWith(other.getKey() + "/")) {
                        problems.add(at, "'dst' " + Text.printable(d) + " of " + what + " clashes with 'dst' "
                                + Text.printable(other.getKey()) + " at " + other.getValue() + " (each file of"
                                + " setup_data needs a path of its own, not a directory of another's)");
                    }
                }
                dsts.putIfAbsent(d, at);
            }
            if (src.isPresent() && dst.isPresent()) {
                String octal = mode.map(v -> v.length() == 3 ? "0" + v : v).orElse(SetupFile.DEFAULT_MODE);
                files.add(new SetupFile(src.get(), dst.get(), octal, sr.origin()));
            }
        }
        return List.copyOf(files);
    }

    /**
     * A relative path: '/'-separated names, none empty, "." or "..", on one line without control characters
     * (the path is written into scripts and the host package's file list). Reports and returns false otherwise.
     */
    private static boolean relativePath(MapReader r, String key, String path, String what) {
        boolean ok = !path.isEmpty() && Text.isSingleLine(path) && !path.endsWith("\\")
                && java.util.Arrays.stream(path.split("/", -1)).noneMatch(p -> p.isEmpty() || p.equals(".")
                        || p.equals("..") || p.contains(".."));
        if (!ok) {
            r.error(key, "'" + key + "' must be " + what + " (names separated by '/', none empty, '.' or '..', on one "
                    + "line), not '" + Text.printable(path) + "'");
        }
        return ok;
    }

    /**
     * A plaintext password becomes a SHA-512 crypt hash; an existing crypt hash is kept. The salt is derived
     * from the site's name alone, so the same input gives the same output (builds are reproducible) without the
     * salt saying anything about the password: a salt made from a fast hash of the password (as earlier builds did)
     * let anyone holding a ks.cfg test guesses at SHA-256 speed, skipping the 5,000 rounds. A password that
     * {@code common} gives to every guest is hashed once: 5,000 rounds of SHA-512 per guest would otherwise
     * dominate the build time of a large site.
     */
    String hashPassword(String password) {
        if (CRYPT_HASH.matcher(password).matches()) {
            return password;
        }
        return hashes.computeIfAbsent(password, p -> sha512Crypt(p, "miniascape root_password salt\0" + siteName));
    }

    /**
     * A user's password as root's is, with a salt of the site's and the user's name: a user and root (or two
     * users) with one password get different hashes, so a reader of ks.cfg cannot tell that they share it.
     */
    String hashUserPassword(String user, String password) {
        if (CRYPT_HASH.matcher(password).matches()) {
            return password;
        }
        return userHashes.computeIfAbsent(List.of(user, password), k -> sha512Crypt(password,
                "miniascape user password salt\0" + siteName + "\0" + user));
    }

    /** The merged settings the templates see hold each user's password as its hash, never the plain text. */
    private static void hashedUsers(Map<String, Object> settings, List<org.miniascape.model.User> users) {
        if (!(settings.get("users") instanceof List<?> list)) {
            return;
        }
        Map<String, String> byName = new java.util.HashMap<>();
        users.forEach(u -> u.passwordHash().ifPresent(h -> byName.put(u.name(), h)));
        List<Object> out = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> m && m.containsKey("password")) {
                Map<Object, Object> copy = new LinkedHashMap<>(m);
                Object h = byName.get(String.valueOf(m.get("name")));
                if (h != null) {
                    copy.put("password", h);
                } else {
                    copy.remove("password");
                }
                out.add(copy);
            } else {
                out.add(item);
            }
        }
        settings.put("users", out);
    }

    private String sha512Crypt(String password, String saltInput) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    saltInput.getBytes(StandardCharsets.UTF_8));
            String salt = Base64.getEncoder().withoutPadding().encodeToString(digest)
                    .replace('+', '.').substring(0, 16);
            return Sha512Crypt.crypt(password.getBytes(StandardCharsets.UTF_8), salt);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
