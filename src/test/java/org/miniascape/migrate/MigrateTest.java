package org.miniascape.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.cli.Main;

/** miniascape migrate on 0.3.12's own conf/default (src/test/resources/migrate/default, see its README.md). */
class MigrateTest {
    @TempDir
    Path tmp;
    Path old;

    @BeforeEach
    void copySite() throws IOException {
        Path src = Path.of("src/test/resources/migrate/default");
        old = tmp.resolve("default");
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : files.toList()) {
                Path to = old.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
    }

    record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                all.put(dir.relativize(p).toString(), Files.readString(p));
            }
        }
        return all;
    }

    @Test
    void migratesTheRealSiteReportsItsDataErrorsAndLeavesItUnchanged() throws IOException {
        Map<String, String> before = tree(old);
        Result r = run("migrate", old.toString());
        Path out = tmp.resolve("default-migrated");

        assertThat(r.code()).isEqualTo(2);
        assertThat(tree(old)).isEqualTo(before);
        String f = old.toString();
        assertThat(r.err()).contains(
                f + "/20_guests/rhel-6-lvs.yml:21:5: error: duplicate key 'lvs': 0.3 used this value and silently"
                        + " dropped the one at line 5",
                f + "/20_guests/rhel-5-clients.yml:23:13: error: address 192.158.155.151 of guest 'rhel-5-client-1'"
                        + " is outside network 'service'",
                f + "/20_guests/rhel-5-clients.yml:29:13: error: address 192.158.155.152 of guest 'rhel-5-client-2'");
        assertThat(r.err().lines().filter(l -> l.contains(": error: "))).hasSize(4);

        String report = Files.readString(out.resolve("MIGRATION.md"));
        assertThat(report).contains(
                "| `common.virtinst.ram` | " + f + "/00_includes/10_common.yml:92:5 | memory (MiB) |",
                "| `common.timezone.timezone` | " + f + "/00_includes/10_common.yml:37:5 | timezone |",
                "| `common.timezone.utc` | " + f + "/00_includes/10_common.yml:36:5 | the default (hardware_clock: utc",
                "| `common.selinux` | " + f + "/00_includes/10_common.yml:32:3 | selinux (kickstart's selinux "
                        + "--enforcing) |",
                "| `common.kdump.enabled` | " + f + "/00_includes/10_common.yml:85:5 | kdump.enabled |",
                "| `common.firewall.rules` | " + f + "/00_includes/10_common.yml:55:5 | nothing to carry: no rules"
                        + " besides ssh",
                "| `common.name_prefix` | " + f + "/00_base.yml:8:3 | renamed domains: 0.3 named each libvirt domain"
                        + " default_NAME; here a guest's domain is NAME",
                "virsh -c qemu:///system domrename default_rhel-6-client-1 rhel-6-client-1\n",
                // 0.3's application keys, passed through to its templates: the user's own values, as vars
                "| `guests[2].guests[0].jboss` | " + f + "/20_guests/jboss.yml:52:9 | vars.jboss (a value of your own",
                // a second interface with host: its DNS name on its network; nodns is kickstart's, not DNS
                "| `guests[6].guests[0].interfaces[1].host` | " + f + "/20_guests/rhel-6-lvs.yml:37:13 |"
                        + " interfaces[].dns_name (on network default's domain",
                "| `guests[6].guests[0].interfaces[1].nodns` | " + f + "/20_guests/rhel-6-lvs.yml:40:13 |"
                        + " interfaces[].nameservers: false (0.3 wrote kickstart's `network --nodns`",
                "| `common.packages.uninstalled` | " + f + "/00_includes/10_packages.yml:",
                "| `guests[6].guests[0].interfaces[0].mac` | " + f + "/20_guests/rhel-6-lvs.yml:29:13 |"
                        + " interfaces[].mac |",
                // virt-install's display, and its usual options one by one
                "| `common.virtinst.graphics` | " + f + "/00_includes/10_common.yml:98:5 | console.graphics",
                "| `common.virtinst.basic_options --hvm` | " + f + "/00_includes/10_common.yml:94:5 | the default:",
                "| `common.virtinst.basic_options --check-cpu` | " + f + "/00_includes/10_common.yml:94:5 | obsolete:",
                "| `common.use_serial_console` | " + f + "/00_includes/10_common.yml:41:3 | covered:");
        String site = Files.readString(out.resolve("miniascape.yml"));
        // the anchor of 00_common.yml, used in 20_network_service.yml: rendered into one text, then parsed
        assertThat(site).contains("  - name: service\n    mode: nat\n    domain: m2.local\n");
        assertThat(site).contains("  console:\n    graphics: vnc\n");
        assertThat(site).contains("    cidr: \"192.168.155.0/24\"\n    gateway: \"192.168.155.254\"\n");
        assertThat(site).contains("          - bootproto: static\n            ip: \"192.168.122.181\"\n            mac: \"52:54:00:02:01:81\"\n"
                + "            network: default\n            nameservers: false\n"
                + "            dns_name: rhel-6-lvs-rs-default-1\n"
                + "        vars:\n          lvs:\n            real_ip: \"192.168.155.181\"\n");
        assertThat(site).contains("      - name: ipa-1\n        interfaces:\n          - mac: \"52:54:00:05:00:17\"\n"
                + "            network: service\n            # 0.3: the guest's ip\n"
                + "            ip: \"192.168.155.17\"\n");

        // the new site carries the same errors, at its own lines, and nothing else
        Result v = run("validate", "-C", out.resolve("miniascape.yml").toString());
        assertThat(v.code()).isEqualTo(2);
        assertThat(v.err()).contains("error: address 192.158.155.151 of guest 'rhel-5-client-1'")
                .contains("2 errors in the configuration");
    }

    @Test
    void withoutItsDataErrorsTheMigratedSiteValidates() throws IOException {
        Path clients = old.resolve("20_guests/rhel-5-clients.yml");
        Files.writeString(clients, Files.readString(clients).replace("192.158.", "192.168."));
        Path lvs = old.resolve("20_guests/rhel-6-lvs.yml");
        Files.writeString(lvs, Files.readString(lvs).replace("    lvs:\n      device: eth0\n", ""));
        Path rhev = old.resolve("20_guests/rhev.yml");
        String text = Files.readString(rhev);
        int second = text.indexOf("    guests:", text.indexOf("    guests:") + 1);
        if (second > 0) { // rhev.yml gives one group two guests lists: keep the one 0.3 used
            int first = text.indexOf("    guests:");
            text = text.substring(0, first) + text.substring(second);
        }
        Files.writeString(rhev, text);
        // 0.3's system settings with values: NTP servers, firewall rules, a kdump reserve, a local hardware clock
        Path common = old.resolve("00_includes/10_common.yml");
        Files.writeString(common, Files.readString(common)
                .replace("    utc: true\n", "    utc: false\n")
                .replace("      # - hostname: 0.pool.ntp.org\n", "      - hostname: 0.pool.ntp.org\n        options: iburst\n"
                        + "      - hostname: ntp.m2.local\n")
                .replace("    rules: []\n", "    rules:\n      - smtp\n      - port=8080:tcp,53:udp\n"
                        + "      - service=https\n      - trust eth1\n")
                .replace("    reserve: auto\n", "    reserve: 192M\n"));
        Path out = tmp.resolve("new");

        Result r = run("migrate", old.toString(), "-o", out.toString());

        // nothing but warnings (0.3's guests without a root password or key): the exit code stays 0
        assertThat(r.err().lines()).isNotEmpty().allSatisfy(l -> assertThat(l).contains(": warning: ")
                .contains("no way in"));
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("miniascape.yml written; it validates");
        assertThat(run("validate", "-C", out.resolve("miniascape.yml").toString()).code()).isEqualTo(0);

        // It builds, and each kickstart is valid for the release its guest's os_variant names (rhel5.4, rhel6, rhel7).
        // Its setup_data are 0.3's templates, below autoinstall.d of 0.3's template directory (not part of this
        // test site): a stand-in for each, which names its guest and its 0.3 path.
        String site0 = Files.readString(out.resolve("miniascape.yml"));
        Path templates03 = tmp.resolve("templates03/autoinstall.d");
        java.util.regex.Matcher src = java.util.regex.Pattern.compile("\n\\s+- src: \"?([^\"\n]+)\"?\n").matcher(site0);
        int stubs = 0;
        while (src.find()) {
            Path stub = templates03.resolve(src.group(1));
            Files.createDirectories(stub.getParent());
            Files.writeString(stub, "# {{ guest.name }}: " + src.group(1) + "\n");
            stubs++;
        }
        assertThat(stubs).as("setup_data entries of the migrated site").isGreaterThanOrEqualTo(10);
        Path work = tmp.resolve("work");
        Result b = run("build", "-C", out.resolve("miniascape.yml").toString(), "-t", templates03.toString(),
                "-w", work.toString());
        assertThat(b.code()).as(b.err()).isEqualTo(0);
        // 0.3's setup tarball: the same files in /root/setup, each rendered for its guest (a guest's own list
        // replaces its group's, as in 0.3), and install.mode their mode
        assertThat(Files.readString(work.resolve("guests/ipa-1/setup/setup.sh"))).isEqualTo("# ipa-1: data/ipa/setup.sh\n");
        assertThat(Files.readString(work.resolve("guests/ipa-1/ks.cfg"))).contains("\n%post\n# setup_data:",
                "\nbase64 -d >\"$setup_dir\"/setup.sh <<'MINIASCAPE_SETUP_DATA'\n");
        assertThat(work.resolve("guests/jboss-0/setup")).isDirectoryContaining(p -> p.endsWith("domain-0.xml"))
                .isDirectoryNotContaining(p -> p.endsWith("host-slave-0.xml"));
        assertThat(work.resolve("guests/jboss-1/setup/host-slave-0.xml")).hasContent("# jboss-1: data/jboss/host-slave-0.xml");
        assertThat(Files.readString(work.resolve("guests/jboss-0/ks.cfg")))
                .contains("\nchmod 0755 \"$setup_dir\"/domain-app-deploy.sh\n");
        assertThat(Files.isExecutable(work.resolve("guests/jboss-0/setup/domain-app-deploy.sh"))).isTrue();
        Map<String, String> releases = org.miniascape.testing.ArtifactChecks.checkKickstarts(work);
        assertThat(releases).containsEntry("rhel-5-client-1", "RHEL5").containsEntry("rhel-6-client-1", "RHEL6")
                .containsEntry("rhel-7-client-1", "RHEL7");
        String site = Files.readString(out.resolve("miniascape.yml"));
        assertThat(site).contains("  selinux: enforcing\n", "  # 0.3: timezone.utc false\n  hardware_clock: local\n",
                "  ntp_servers:\n    - \"0.pool.ntp.org\"\n    - ntp.m2.local\n",
                "  firewall:\n    ports:\n      - \"8080/tcp\"\n      - \"53/udp\"\n    services:\n      - smtp\n"
                        + "      - https\n",
                "  kdump:\n    enabled: true\n    # 0.3: 192M (MiB here)\n    reserve: 192\n");
        String report = Files.readString(out.resolve("MIGRATION.md"));
        assertThat(report).contains("setup_data[].mode 0755 (the file's mode in /root/setup)",
                "no equivalent (yet): 0.3 also copied the file to /usr/sbin/domain-app-deploy.sh; here it is only in"
                        + " /root/setup: copy it in post_script (install -m 0755 /root/setup/domain-app-deploy.sh"
                        + " /usr/sbin/domain-app-deploy.sh)");
        assertThat(report).contains("| `common.firewall.rules[3]` | ", "no equivalent (yet): 'trust eth1'",
                "| `common.ntp.servers[0].options` | ", "| `common.auth.options` | ", "covered by the default: "
                        + "root_password is written as a SHA-512 crypt hash", "| `common.ksdevice` | ",
                "covered: every interface is configured by its MAC", "192.168.155.254 (network service's gateway) is "
                        + "that; give 8.8.8.8 as dns.forwarders");
        String rhel6 = Files.readString(work.resolve("guests/rhel-6-client-1/ks.cfg"));
        assertThat(rhel6).contains("\ntimezone Asia/Tokyo\n", "\nselinux --enforcing\n",
                "\nfirewall --enabled --service='ssh,smtp,https' --port='8080:tcp,53:udp'\n",
                "printf 'server %s iburst\\n' ntp.m2.local >>/etc/ntp.conf\n",
                "crashkernel=192M'\n");
        assertThat(Files.readString(work.resolve("guests/rhel-7-client-1/ks.cfg"))).contains(
                "\ntimezone Asia/Tokyo --ntpservers='0.pool.ntp.org,ntp.m2.local'\n",
                "\n%addon com_redhat_kdump --enable --reserve-mb=192\n%end\n");
        assertThat(Files.readString(work.resolve("guests/rhel-7-client-1/domain.xml")))
                .contains("<clock offset=\"localtime\">");
        // kickstart.repos of a group: repos, kickstart's repo lines
        assertThat(Files.readString(work.resolve("guests/rhel-6-mrg-m-1/ks.cfg")))
                .contains("\nrepo --name='RHEL 6 x86_64 - MRG-M' --baseurl=http://ks/kstree/rhel-6-mrg-2.1-x86_64\n");
    }

    /**
     * A cluster site in 0.3's conf/hacluster layout (src/test/resources/migrate/hacluster, see its README.md):
     * migrated as the golden files say, and the new site validates and builds, its networks naming each node's
     * interfaces as 0.3 did and its own values reaching a template as vars.
     */
    @Test
    void migratesAClusterSiteThatValidatesAndBuilds() throws IOException {
        Path src = Path.of("src/test/resources/migrate/hacluster");
        Path ha = tmp.resolve("hacluster");
        copy(src, ha);
        Path out = tmp.resolve("hacluster-new");

        Result r = run("migrate", ha.toString(), "-o", out.toString());

        // 0.3's guests lock root (rootpw --lock) and authorize no key, but the group's users have passwords: a way
        // in, so validate of the new site has no warning
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isEqualTo(0);
        for (String f : new String[] {"miniascape.yml", "MIGRATION.md"}) {
            org.miniascape.testing.Golden.assertMatches("migrate/hacluster-migrated/" + f,
                    Files.readString(out.resolve(f)).replace(ha.toString(), "OLD"));
        }
        Path site = out.resolve("miniascape.yml");
        assertThat(run("validate", "-C", site.toString()).code()).isEqualTo(0);

        // the cluster's values of 0.3 (group < node, merged key by key) in a template of the user's
        Path templates = Files.createDirectories(tmp.resolve("templates/mine"));
        Files.writeString(templates.resolve("cluster.conf.j2"), "cluster {{ vars.cluster.name }} node"
                + " {{ vars.cluster.node_id }} primary {{ vars.cluster.primary }} quorum_disk"
                + " {{ vars.cluster.quorum_disk }} fencing {{ vars.cluster.fencing.agent }}\n");
        // the group's setup_data: 0.3's template (a stand-in below its template directory's autoinstall.d, which
        // the overlay directory plays here) and the inline content, now a template of the new site's
        Files.createDirectories(tmp.resolve("templates/data/rhel-7-cluster"));
        Files.writeString(tmp.resolve("templates/data/rhel-7-cluster/pcs_setup.sh"), "#!/bin/sh\n# pcs setup of"
                + " {{ guest.name }} in cluster {{ vars.cluster.name }}\n");
        Path inline = out.resolve("templates/setup_data/rhel-7-cluster/check_replica.sh");
        assertThat(inline).hasContent("#! /bin/bash\nset -e\npsql -U postgres -c \"SELECT * FROM pg_stat_replication;\"");
        Path overlay = tmp.resolve("templates.yml");
        Files.writeString(overlay, "common:\n  templates:\n    cluster: {src: mine/cluster.conf.j2, dst: cluster.conf}\n");
        Path work = tmp.resolve("work");
        Result b = run("build", "-C", site.toString(), "-C", overlay.toString(), "-t", tmp.resolve("templates")
                .toString(), "-t", out.resolve("templates").toString(), "-w", work.toString());
        assertThat(b.code()).as(b.err()).isEqualTo(0);
        for (int node = 1; node <= 3; node++) {
            Path setup = work.resolve("guests/rhel-7-cluster-" + node + "/setup");
            assertThat(setup.resolve("pcs_setup.sh")).hasContent("#!/bin/sh\n# pcs setup of rhel-7-cluster-" + node
                    + " in cluster ha-1");
            assertThat(setup.resolve("check_replica.sh")).hasSameTextualContentAs(inline);
            assertThat(Files.readString(work.resolve("guests/rhel-7-cluster-" + node + "/ks.cfg")))
                    .contains("\nchmod 0755 \"$setup_dir\"/pcs_setup.sh\n", "\nchmod 0644 \"$setup_dir\"/check_replica.sh\n");
        }
        assertThat(Files.readString(work.resolve("guests/rhel-7-cluster-1/cluster.conf")))
                .isEqualTo("cluster ha-1 node 1 primary true quorum_disk true fencing fence_xvm\n");
        // kickstart.users and the layouts: valid RHEL 7 kickstarts with the group's users and each node's layout
        assertThat(org.miniascape.testing.ArtifactChecks.checkKickstarts(work)).hasSize(3)
                .allSatisfy((guest, release) -> assertThat(release).isEqualTo("RHEL7"));
        String node1 = Files.readString(work.resolve("guests/rhel-7-cluster-1/ks.cfg"));
        assertThat(node1).contains("\nuser --name=admin --groups='wheel,haclient' --iscrypted --password='$6$hacluster$")
                .contains("\nuser --name=operator --uid=1100 --shell=/bin/bash --iscrypted --password='$6$")
                .doesNotContain("secret").doesNotContain("--name=hacluster")
                // 0.3's own layout: /boot, LVM with 2048 MiB of swap and / of xfs
                .contains("\nlogvol swap --vgname=vg0 --name=swap --fstype=swap --size=2048\n"
                        + "logvol / --vgname=vg0 --name=root --fstype=xfs --size=1 --grow\n");
        // node 2's partition was not recognisable: the group's layout; node 3's plain partitions
        assertThat(Files.readString(work.resolve("guests/rhel-7-cluster-2/ks.cfg"))).contains("--size=2048\n");
        assertThat(Files.readString(work.resolve("guests/rhel-7-cluster-3/ks.cfg"))).contains("\npart /boot"
                + " --fstype=xfs --size=1024\npart swap --fstype=swap --size=1024\npart / --fstype=xfs --size=1 --grow\n");
        assertThat(Files.readString(work.resolve("guests/rhel-7-cluster-2/cluster.conf")))
                .isEqualTo("cluster ha-1 node 2 primary false quorum_disk true fencing fence_xvm\n");
        // service: the node's name; heartbeat: 0.3's host of the interface; fence: no name at all
        assertThat(Files.readString(work.resolve("networks/service.xml")))
                .contains("<host mac=\"52:54:00:a0:01:11\" ip=\"192.168.160.111\" name=\"rhel-7-cluster-1\"/>");
        assertThat(Files.readString(work.resolve("networks/heartbeat.xml")))
                .contains("<host ip=\"192.168.161.111\">\n      <hostname>rhel-7-cluster-hb-1</hostname>\n")
                .contains("<host mac=\"52:54:00:a1:01:11\" ip=\"192.168.161.111\" name=\"rhel-7-cluster-hb-1\"/>")
                .doesNotContain(">rhel-7-cluster-1<");
        String fence = Files.readString(work.resolve("networks/fence.xml"));
        assertThat(fence).contains("<host mac=\"52:54:00:a2:01:11\" ip=\"192.168.162.111\"/>")
                .doesNotContain("<dns>").doesNotContain("rhel-7-cluster");
        assertThat(Files.readString(work.resolve("networks/fence.hostsfile")))
                .contains("\n52:54:00:a2:01:11,192.168.162.111\n");
        assertThat(Files.readString(work.resolve("guests/rhel-7-cluster-1/net_register.sh")))
                .contains("register fence ip-dhcp-host '<host mac=\"52:54:00:a2:01:11\" ip=\"192.168.162.111\"/>'")
                .contains("# fence: no DNS name for 192.168.162.111 (dns: false)\n")
                .contains("register heartbeat dns-host '<host ip=\"192.168.161.111\"><hostname>rhel-7-cluster-hb-1"
                        + "</hostname></host>'");
        assertThat(Files.readString(work.resolve("host/hosts")))
                .contains("192.168.161.111 rhel-7-cluster-hb-1.hb.ha.example\n").doesNotContain("192.168.162.");
        assertThat(org.miniascape.testing.ArtifactChecks.checkKickstarts(work)).containsEntry("rhel-7-cluster-1", "RHEL7");
        // 0.3's nodns: the heartbeat and fence interfaces give the nodes no name servers
        assertThat(Files.readAllLines(work.resolve("guests/rhel-7-cluster-1/ks.cfg")).stream()
                .filter(l -> l.startsWith("network ")).toList()).satisfiesExactly(
                    l -> assertThat(l).contains("--device=52:54:00:a0:01:11").doesNotContain("--nodns"),
                    l -> assertThat(l).contains("--device=52:54:00:a1:01:11").contains(" --nodns "),
                    l -> assertThat(l).contains("--device=52:54:00:a2:01:11").contains(" --nodns "));
        // 0.3's shared disk (shareable: yes, perms: sh): one raw volume, shareable on every node
        for (int node = 1; node <= 3; node++) {
            assertThat(Files.readString(work.resolve("guests/rhel-7-cluster-" + node + "/domain.xml")))
                    .contains("<source pool=\"default\" volume=\"rhel-7-cluster-shared.img\"/>\n"
                            + "      <target dev=\"vdb\" bus=\"virtio\"/>\n      <shareable/>\n");
        }
    }

    private static void copy(Path src, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : files.toList()) {
                Path t = to.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    @Test
    void refusesAnIncludeThatLeavesTheSiteAndWritesNothing() throws IOException {
        Files.writeString(tmp.resolve("secret.yml"), "site: other\n");
        Files.writeString(old.resolve("30_escape.yml"), "# escape\n{% include \"../secret.yml\" %}\n");
        Path out = tmp.resolve("new");

        Result r = run("migrate", old.toString(), "-o", out.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(old + "/30_escape.yml:2:1: error: include \"../secret.yml\" is outside the site"
                + " directory");
        assertThat(out).doesNotExist();
    }

    @Test
    void refusesANonEmptyTarget() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("new"));
        Files.writeString(out.resolve("keep"), "x");

        Result r = run("migrate", old.toString(), "-o", out.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("exists and is not an empty directory");
        assertThat(tree(out)).containsOnlyKeys("keep");
    }

    @Test
    void validateOfA03SitePointsAtMigrate() {
        Result r = run("validate", "-C", old.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(old + "/00_base.yml:3:1: error: a miniascape 0.3 configuration (a Jinja2"
                + " template, '{%'): convert its directory with 'miniascape migrate DIR'");
    }

    /**
     * 0.3's disk layouts: partition's kickstart lines mapped where each is recognisable (LVM part/volgroup/logvol
     * lines, autopart options), reported with the first line that is not; swap unused under a partition; the
     * migrated kickstarts valid for RHEL 7.
     */
    @Test
    void migratesRecognisableLayoutsAndReportsTheRest() throws IOException {
        Path site = Files.createDirectories(tmp.resolve("layouts"));
        Files.writeString(site.resolve("00_site.yml"), """
                site: lab
                common:
                  partition: |
                    part /boot --fstype=ext4 --size=500
                    part pv.01 --size=1 --grow
                    volgroup vg01 pv.01
                    logvol swap --fstype swap --name=lv01 --vgname=vg01 --size=512
                    logvol / --fstype ext4 --name=lv02 --vgname=vg01 --size=1 --grow
                  swap: 1024
                  disks:
                    - {pool: default, size: 10}
                  virtinst:
                    os_variant: rhel7
                    location: http://example.org/rhel7/
                guests:
                  - name: g
                    partition: "autopart --type=plain --fstype=xfs --noswap"
                    guests:
                      - hostname: a
                      - hostname: b
                        partition: "autopart --encrypted"
                      - hostname: c
                        partition: |
                          part / --fstype=ext4 --size=1 --grow
                          raid /data --level=1 raid.01 raid.02
                """);
        Path out = tmp.resolve("layouts-new");
        Result r = run("migrate", site.toString(), "-o", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        String report = Files.readString(out.resolve("MIGRATION.md"));
        String f = site.resolve("00_site.yml").toString();
        assertThat(report).contains("| `common.partition` | " + f + ":3:3 | partitioning (scheme lvm, filesystem ext4,"
                + " swap 512: 0.3's kickstart lines; /boot is 1024 MiB here) |")
                .contains("| `common.swap` | " + f + ":9:3 | no equivalent (yet): not used by 0.3 here, which wrote"
                        + " partition's kickstart lines (" + f + ":3:3) instead of its own layout |")
                .contains("| `guests[0].partition` | " + f + ":17:5 | partitioning (scheme plain, filesystem xfs, swap 0:"
                        + " 0.3's kickstart lines) |")
                .contains("| `guests[0].guests[1].partition` | " + f + ":21:9 | no equivalent (yet): `autopart"
                        + " --encrypted`: autopart option --encrypted has no equivalent")
                .contains("| `guests[0].guests[2].partition` | " + f + ":23:9 | no equivalent (yet): `raid /data"
                        + " --level=1 raid.01 raid.02`: the command raid has no equivalent");
        assertThat(Files.readString(out.resolve("miniascape.yml")))
                .contains("  partitioning:\n    scheme: lvm\n    filesystem: ext4\n    swap: 512\n")
                .contains("    partitioning:\n      scheme: plain\n      filesystem: xfs\n      swap: 0\n");
        Path work = tmp.resolve("layouts-work");
        Result b = run("build", "-C", out.resolve("miniascape.yml").toString(), "-w", work.toString());
        assertThat(b.code()).as(b.err()).isEqualTo(0);
        assertThat(org.miniascape.testing.ArtifactChecks.checkKickstarts(work)).hasSize(3);
        // RHEL 7's autopart has --type and --fstype but no --noswap: plain partitions without swap, written out
        assertThat(Files.readString(work.resolve("guests/a/ks.cfg"))).contains("\n# RHEL7's autopart has no --noswap:"
                + " an explicit layout without swap\nreqpart\npart /boot --fstype=xfs --size=1024\npart / --fstype=xfs"
                + " --size=1 --grow\nreboot\n");
    }
}
