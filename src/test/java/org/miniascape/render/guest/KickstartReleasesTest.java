package org.miniascape.render.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.miniascape.testing.ArtifactChecks;
import org.miniascape.testing.Cli;
import org.miniascape.testing.Pykickstart;

/**
 * Every release of {@link KickstartRelease}'s table, through pykickstart's {@code ksvalidator -v RELEASE}: per
 * release four kickstart guests built from YAML: one with everything the ks.cfg template writes (static and DHCP
 * interfaces, one on an isolated network, several NICs, the hostname, root password and two SSH keys, services,
 * two extra repositories (one name with a blank), open firewall ports and services,
 * packages with a group and an exclusion, the disk, the serial console on the bootloader's command line, the
 * timezone, keymap and locale, NTP servers, SELinux permissive, kdump with a reserve, a description and a post
 * script, two users, one with a password, groups, a uid, sudo and one key, one with two keys; plain partitions with
 * a swap size), one with a single SSH key and no password, a local hardware clock, one NTP server, SELinux disabled
 * and kdump disabled, one with nothing optional (no password, no key, no disk, from an ISO, no serial console), and
 * one with an LVM layout of ext3 without swap and a user without password or key. Each file must be valid for its release (exit 0; ksvalidator
 * also fails a deprecated option), name it in its header, and its vmbuild.sh boots the installer with the
 * release's kernel argument.
 */
class KickstartReleasesTest {
    @TempDir
    static Path dir;
    static Path guests;
    static Map<Path, Pykickstart.Verdict> verdicts;

    /**
     * Per release: every feature (users, an explicit plain layout with a swap size); one SSH key and no password;
     * nothing optional; an LVM layout of ext3 without swap (autopart where the release has --fstype and --noswap).
     */
    static final String[] KINDS = {"full", "one", "bare", "layout"};

    static Stream<KickstartRelease> releases() {
        return KickstartRelease.all().stream();
    }

    static String site() {
        StringBuilder sb = new StringBuilder("""
                site: lab
                domain: lab.example
                storage_pools:
                  - {name: default, type: dir, path: /var/lib/libvirt/images}
                networks:
                  - {name: nat, mode: nat, cidr: 198.51.100.0/25, dhcp: {start: 198.51.100.100, end: 198.51.100.120, static: {start: 198.51.100.2, end: 198.51.100.99}}}
                  - {name: nat2, mode: nat, cidr: 198.51.100.128/25, dhcp: {start: 198.51.100.200, end: 198.51.100.250, static: {start: 198.51.100.130, end: 198.51.100.199}}}
                  - {name: iso, mode: isolated, cidr: 203.0.113.0/24, dhcp: {start: 203.0.113.200, end: 203.0.113.250, static: {start: 203.0.113.2, end: 203.0.113.199}}}
                  - {name: lan, mode: bridge, bridge: br0, cidr: 192.0.2.0/24, gateway: 192.0.2.1}
                guests:
                """);
        int n = 0;
        for (KickstartRelease r : KickstartRelease.all()) {
            n++;
            String name = r.pykickstartVersion().toLowerCase(java.util.Locale.ROOT);
            sb.append(String.format("""
                      - name: %1$s-full
                        description: |-
                          every kickstart feature
                          of %2$s
                        os_variant: %2$s
                        disks: [{pool: default, size: 10}]
                        interfaces:
                          - {network: nat}
                          - {network: iso}
                          - {network: lan, ip: 192.0.2.%3$d}
                          - {network: nat2, bootproto: static}
                        install: {method: kickstart, location: "http://example.org/%1$s/os/", extra_args: quiet}
                        timezone: Asia/Tokyo
                        keyboard: jp106
                        lang: ja_JP.UTF-8
                        root_password: secret
                        ssh_authorized_keys:
                          - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKq1a2b3c4d5e6f7g8h9i0j1k2l3m4n5o6p7q8r9s0t1 admin@lab
                          - ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 other@lab
                        packages: ["@development", vim-enhanced, -plymouth]
                        ntp_servers: [ntp1.example.org, 192.0.2.123]
                        selinux: permissive
                        kdump: {enabled: true, reserve: 256}
                        services: {enabled: [sshd, chronyd], disabled: [cups]}
                        repos:
                          - {name: "%1$s extras", baseurl: "http://example.org/%1$s/extras/"}
                          - {name: updates, baseurl: "ftp://example.org/%1$s/updates/"}
                        firewall: {ports: [8080/tcp, 53/udp], services: [http, https, dns]}
                        post_script: |-
                          echo done >/root/post-ran
                        users:
                          - {name: alice, password: secret, groups: [wheel, lab], uid: 1500, sudo: true, ssh_authorized_keys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAlice alice@lab"]}
                          - {name: bob, shell: /bin/bash, ssh_authorized_keys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBob bob@lab", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 bob@other"]}
                        partitioning: {scheme: plain, filesystem: %4$s, swap: 1024}
                      - name: %1$s-layout
                        os_variant: %2$s
                        disks: [{pool: default, size: 10}]
                        interfaces: [{network: iso}]
                        install: {method: kickstart, location: "http://example.org/%1$s/os/"}
                        users: [{name: carol, groups: [adm]}]
                        root_password: secret
                        partitioning: {scheme: lvm, filesystem: ext3, swap: 0}
                      - name: %1$s-one
                        os_variant: %2$s
                        interfaces: [{network: iso}]
                        install: {method: kickstart, location: "http://example.org/%1$s/os/"}
                        hardware_clock: local
                        ntp_servers: [ntp.example.org]
                        selinux: disabled
                        kdump: {enabled: false}
                        ssh_authorized_keys: [ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 other@lab]
                      - name: %1$s-bare
                        os_variant: %2$s
                        console: {serial: false}
                        interfaces: [{network: iso}]
                        install: {method: kickstart, cdrom: /var/lib/libvirt/images/%1$s.iso}
                    """, name, r.osVariant(), 10 + n, r.filesystems().get(0)));
        }
        return sb.toString();
    }

    @BeforeAll
    static void build() throws IOException {
        Path config = dir.resolve("site.yml");
        Files.writeString(config, site());
        Path out = dir.resolve("out");
        Cli.Run run = Cli.run("build", "-C", config.toString(), "-w", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        guests = out.resolve("guests");
        Map<Path, String> versions = new LinkedHashMap<>();
        for (KickstartRelease r : KickstartRelease.all()) {
            for (String kind : KINDS) {
                versions.put(ksCfg(r, kind), r.pykickstartVersion());
            }
        }
        verdicts = Pykickstart.validate(versions);
    }

    static Path ksCfg(KickstartRelease r, String kind) {
        return guests.resolve(r.pykickstartVersion().toLowerCase(java.util.Locale.ROOT) + "-" + kind + "/ks.cfg");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void everyKickstartIsValidForItsRelease(KickstartRelease release) throws IOException {
        for (String kind : KINDS) {
            Path ks = ksCfg(release, kind);
            Pykickstart.Verdict v = verdicts.get(ks);
            assertThat(v.exitCode()).as("ksvalidator -v " + release.pykickstartVersion() + " " + kind + ":\n"
                    + v.output() + "\n" + Files.readString(ks)).isZero();
            assertThat(ArtifactChecks.kickstartVersion(ks)).isEqualTo(release.pykickstartVersion());
            String vmbuild = Files.readString(ks.resolveSibling("vmbuild.sh"));
            String arg = release.has(KickstartRelease.Feature.INST_KS) ? "inst\\.ks" : "ks";
            assertThat(vmbuild).containsPattern("(?m)^  --extra-args '?" + arg + "=file:/ks\\.cfg\\b");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void reposAndPortsAreWrittenInEveryRelease(KickstartRelease release) throws IOException {
        String full = Files.readString(ksCfg(release, "full"));
        String name = release.pykickstartVersion().toLowerCase(java.util.Locale.ROOT);
        assertThat(full).contains("\nrepo --name='" + name + " extras' --baseurl=http://example.org/" + name
                + "/extras/\nrepo --name=updates --baseurl=ftp://example.org/" + name + "/updates/\n");
        if (release.has(KickstartRelease.Feature.FIREWALL_SERVICE)) {
            assertThat(full).contains("\nfirewall --enabled --service='ssh,http,https,dns' --port='8080:tcp,53:udp'\n");
        } else {
            // lokkit opens ports: the services' own (firewalld's definitions), then the site's, each once.
            assertThat(full).contains("\nfirewall --enabled --ssh --port='80:tcp,443:tcp,53:tcp,53:udp,8080:tcp'\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void theClockAndNtpServersAreWrittenInTheReleasesSyntax(KickstartRelease release) throws IOException {
        String full = Files.readString(ksCfg(release, "full"));
        String one = Files.readString(ksCfg(release, "one"));
        String bare = Files.readString(ksCfg(release, "bare"));
        assertThat(bare).contains("\ntimezone UTC --utc\n").doesNotContain("timesource").doesNotContain("ntp");
        if (release.has(KickstartRelease.Feature.TIMESOURCE)) {
            assertThat(full).contains("\ntimezone Asia/Tokyo --utc\ntimesource --ntp-server=ntp1.example.org\n"
                    + "timesource --ntp-server=192.0.2.123\n").doesNotContain("--ntpservers");
            assertThat(one).contains("\ntimezone UTC\ntimesource --ntp-server=ntp.example.org\n");
        } else if (release.has(KickstartRelease.Feature.NTPSERVERS)) {
            assertThat(full).contains("\ntimezone Asia/Tokyo --utc --ntpservers='ntp1.example.org,192.0.2.123'\n")
                    .doesNotContain("timesource");
            assertThat(one).contains("\ntimezone UTC --ntpservers=ntp.example.org\n");
        } else {
            assertThat(full).contains("\ntimezone Asia/Tokyo --utc\n").contains("\nntp\nkexec-tools\n%end\n")
                    .contains("\nservices --enabled='sshd,chronyd,ntpd,kdump' --disabled=cups\n")
                    .contains("\nprintf 'server %s iburst\\n' ntp1.example.org >>/etc/ntp.conf\n"
                            + "printf 'server %s iburst\\n' 192.0.2.123 >>/etc/ntp.conf\n");
            assertThat(one).contains("\ntimezone UTC\n").contains("iburst\\n' ntp.example.org >>/etc/ntp.conf\n");
        }
        assertThat(Files.readString(ksCfg(release, "one").resolveSibling("domain.xml")))
                .contains("<clock offset=\"localtime\">");
        assertThat(Files.readString(ksCfg(release, "full").resolveSibling("domain.xml")))
                .contains("<clock offset=\"utc\">");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void selinuxAndKdumpAreWrittenInTheReleasesSyntax(KickstartRelease release) throws IOException {
        String full = Files.readString(ksCfg(release, "full"));
        String one = Files.readString(ksCfg(release, "one"));
        String bare = Files.readString(ksCfg(release, "bare"));
        assertThat(full).contains("\nselinux --permissive\n");
        assertThat(one).contains("\nselinux --disabled\n");
        assertThat(bare).contains("\nselinux --enforcing\n").doesNotContain("kdump").doesNotContain("crashkernel");
        if (release.has(KickstartRelease.Feature.KDUMP_ADDON)) {
            // pykickstart reads %addon sections as opaque text: the header is kdump-anaconda-addon's grammar,
            // (--enable|--disable) --reserve-mb=auto|MB (com_redhat_kdump/service/kickstart.py).
            assertThat(full).contains("\n%addon com_redhat_kdump --enable --reserve-mb=256\n%end\n")
                    .doesNotContain("crashkernel");
            assertThat(one).contains("\n%addon com_redhat_kdump --disable\n%end\n");
        } else {
            assertThat(full).doesNotContain("%addon").containsPattern("(?m)^bootloader .* --append='console=tty0 "
                    + "console=ttyS0,115200n8 crashkernel=256M'$").contains("\nkexec-tools\n")
                    .containsPattern("(?m)^services --enabled='sshd,chronyd,(ntpd,)?kdump' --disabled=cups$");
            assertThat(one).doesNotContain("%addon").doesNotContain("kdump");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void usersAreMadeWithTheirKeysAndSudo(KickstartRelease release) throws IOException {
        String full = Files.readString(ksCfg(release, "full"));
        assertThat(full).containsPattern("(?m)^user --name=alice --groups='wheel,lab' --uid=1500 --iscrypted"
                + " --password='\\$6\\$[^']+'$");
        String bobLock = release.has(KickstartRelease.Feature.USER_LOCK) ? " --lock" : "";
        assertThat(full).contains("\nuser --name=bob --shell=/bin/bash" + bobLock + "\n");
        String alicesKey = "'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAlice alice@lab'";
        if (release.has(KickstartRelease.Feature.SSHKEY)) {
            assertThat(full).contains("\nsshkey --username=alice " + alicesKey + "\n");
        } else {
            assertThat(full).contains("home=$(getent passwd alice | cut -d: -f6)\n").contains("\nprintf '%s\\n' "
                    + alicesKey + " >>\"$home/.ssh/authorized_keys\"\n");
        }
        // Two keys: never sshkey (pykickstart refuses a second one of a user).
        assertThat(full).doesNotContain("sshkey --username=bob").contains("home=$(getent passwd bob | cut -d: -f6)\n")
                .contains("\nprintf '%s\\n' 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 bob@other' >>\"$home/.ssh/"
                        + "authorized_keys\"\n");
        assertThat(full).contains("\nprintf '%s\\n' 'alice ALL=(ALL) NOPASSWD: ALL' >>\"$sudoers\"\n");
        String layout = Files.readString(ksCfg(release, "layout"));
        assertThat(layout).contains("\nuser --name=carol --groups=adm" + bobLock + "\n").doesNotContain("%post");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void layoutsAreAutopartWhereTheReleaseSaysSoElseExplicit(KickstartRelease release) throws IOException {
        String fs = release.filesystems().get(0);
        String full = Files.readString(ksCfg(release, "full"));
        // A swap size: autopart has no option for it, so every release gets plain partitions.
        assertThat(full).contains("\npart /boot --fstype=" + fs + " --size=1024\npart swap --fstype=swap --size=1024\n"
                + "part / --fstype=" + fs + " --size=1 --grow\n").doesNotContainPattern("(?m)^autopart");
        assertThat(full.contains("\nreqpart\n")).isEqualTo(release.has(KickstartRelease.Feature.REQPART));
        String layout = Files.readString(ksCfg(release, "layout"));
        if (release.has(KickstartRelease.Feature.AUTOPART_NOSWAP)) {
            assertThat(layout).contains("\nautopart --type=lvm --fstype=ext3 --noswap\n");
        } else {
            assertThat(layout).doesNotContainPattern("(?m)^autopart").contains("\npart pv.01 --size=1 --grow\n"
                    + "volgroup vg0 pv.01\nlogvol / --vgname=vg0 --name=root --fstype=ext3 --size=1 --grow\n")
                    .doesNotContain("logvol swap");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void rootsKeysAreInstalledWithOrWithoutTheSshkeyCommand(KickstartRelease release) throws IOException {
        // Two keys: pykickstart refuses a second sshkey of the same user, so they are appended by %post.
        String full = Files.readString(ksCfg(release, "full"));
        String key = "'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 other@lab'";
        assertThat(full).doesNotContainPattern("(?m)^sshkey --username=root").contains("\nprintf '%s\\n' " + key
                + " >>/root/.ssh/authorized_keys\n");
        String one = Files.readString(ksCfg(release, "one"));
        if (release.has(KickstartRelease.Feature.SSHKEY)) {
            assertThat(one).contains("\nsshkey --username=root " + key + "\n").doesNotContain("authorized_keys");
        } else {
            assertThat(one).doesNotContainPattern("(?m)^sshkey").contains("\nprintf '%s\\n' " + key
                    + " >>/root/.ssh/authorized_keys\n");
        }
        String bare = Files.readString(ksCfg(release, "bare"));
        assertThat(bare).doesNotContainPattern("(?m)^sshkey").doesNotContain("authorized_keys");
        assertThat(bare).containsPattern("(?m)^rootpw (--lock|--lock --iscrypted '!!'|--iscrypted '!!')$");
    }
}
