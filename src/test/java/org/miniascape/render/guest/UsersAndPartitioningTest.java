package org.miniascape.render.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.testing.ArtifactChecks;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code users} and {@code partitioning} in every install method, built from YAML and each file through its own
 * tool ({@link ArtifactChecks#buildChecked}: ksvalidator per release, debconf-set-selections, bash -n and
 * shellcheck, YAML; user-data through cloud-init's schema): what debconf reads of preseed.cfg (d-i's one user, partman's method, default file system
 * and recipe), what cloud-init reads of user-data (each user as the site says, no "default"), and plain-text
 * passwords nowhere.
 */
class UsersAndPartitioningTest {
    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample alice@lab";
    static final String SITE = """
            site: lab
            storage_pools: [{name: default, path: /var/lib/libvirt/images}]
            networks:
              - {name: nat, cidr: 198.51.100.0/24, dhcp: {static: {start: 198.51.100.10, end: 198.51.100.99}}}
            common:
              disks: [{pool: default, size: 10}]
              interfaces: [{network: nat}]
              users:
                - {name: alice, password: wonderland, groups: [adm, lab], uid: 1001, sudo: true, ssh_authorized_keys: ["%1$s"]}
                - {name: bob, shell: /bin/sh, ssh_authorized_keys: ["%1$s", "ssh-rsa AAAAB3Nza bob@lab"]}
            guests:
              - name: pre-lvm
                install: {method: preseed, location: "http://deb.debian.org/debian/dists/bookworm/main/installer-amd64/"}
                partitioning: {scheme: lvm, filesystem: xfs, swap: 0}
              - name: pre-plain
                install: {method: preseed, location: "http://deb.debian.org/debian/dists/bookworm/main/installer-amd64/"}
                partitioning: {scheme: plain, filesystem: ext3}
              - name: pre-default
                install: {method: preseed, location: "http://deb.debian.org/debian/dists/bookworm/main/installer-amd64/"}
                users: []
                root_password: secret
              - name: rhel6
                os_variant: rhel6.10
                install: {method: kickstart, location: "http://example.org/rhel6/"}
                partitioning: {scheme: plain}
              - name: rhel9
                os_variant: rhel9.4
                install: {method: kickstart, location: "http://example.org/rhel9/"}
                partitioning: {scheme: auto, filesystem: ext4}
              - name: cloud
                install: {method: cloud-init, image: cloud.img}
                root_password: wonderland
            """.formatted(KEY);

    @TempDir
    static Path dir;
    static Path guests;

    @BeforeAll
    static void build() throws IOException {
        guests = ArtifactChecks.buildChecked(dir, SITE).resolve("guests");
    }

    @Test
    void preseedMakesTheFirstUserAndPartmanTheLayout() throws IOException {
        Map<String, String> lvm = ArtifactChecks.checkDebconf(guests.resolve("pre-lvm/preseed.cfg"));
        assertThat(lvm).containsEntry("passwd/make-user", "true").containsEntry("passwd/username", "alice")
                .containsEntry("passwd/user-uid", "1001").containsEntry("partman-auto/method", "lvm")
                .containsEntry("partman/default_filesystem", "xfs")
                .containsEntry("partman-auto/choose_recipe", "miniascape")
                .containsEntry("partman-basicfilesystems/no_swap", "false");
        assertThat(lvm.get("passwd/user-password-crypted")).startsWith("$6$");
        // no swap: /boot and / only, / a logical volume
        assertThat(lvm.get("partman-auto/expert_recipe")).contains("mountpoint{ /boot } .").contains("$lvmok{ }"
                + " lv_name{ root }").contains("filesystem{ xfs } mountpoint{ / } .").doesNotContain("linux-swap");
        // sudo needs its package, which d-i installs only without a root password
        assertThat(lvm.get("pkgsel/include")).isEqualTo("sudo");

        Map<String, String> plain = ArtifactChecks.checkDebconf(guests.resolve("pre-plain/preseed.cfg"));
        assertThat(plain).containsEntry("partman-auto/method", "regular")
                .containsEntry("partman/default_filesystem", "ext3").containsEntry("partman-auto/choose_recipe", "atomic")
                .doesNotContainKey("partman-auto/expert_recipe");

        Map<String, String> none = ArtifactChecks.checkDebconf(guests.resolve("pre-default/preseed.cfg"));
        assertThat(none).containsEntry("passwd/make-user", "false").containsEntry("partman-auto/method", "lvm")
                .containsEntry("partman-auto/choose_recipe", "atomic").doesNotContainKey("passwd/username");
        assertThat(Files.readString(guests.resolve("pre-default/preseed-late.sh"))).doesNotContain("useradd");
    }

    @Test
    void preseedsLateScriptMakesTheOtherUsersAndGivesKeysAndSudo() throws IOException {
        String late = Files.readString(guests.resolve("pre-lvm/preseed-late.sh"));
        assertThat(late).contains("getent group adm >/dev/null || groupadd adm\n")
                .contains("\nusermod -a -G 'adm,lab' alice\n").contains("\nuseradd -m -s /bin/sh bob\n")
                .contains("printf '%s\\n' 'ssh-rsa AAAAB3Nza bob@lab' >>\"$home/.ssh/authorized_keys\"\n")
                .contains("\nprintf '%s\\n' 'alice ALL=(ALL) NOPASSWD: ALL' >>\"$sudoers\"\n");
        assertThat(late.indexOf("useradd")).isLessThan(late.indexOf("getent passwd bob"));
    }

    @Test
    void kickstartLayoutsFollowTheRelease() throws IOException {
        String rhel6 = Files.readString(guests.resolve("rhel6/ks.cfg"));
        assertThat(rhel6).contains("\n# RHEL6's autopart has no --type (it makes LVM): an explicit layout of plain"
                + " partitions\npart /boot --fstype=ext4 --size=1024\npart swap --fstype=swap --recommended\n"
                + "part / --fstype=ext4 --size=1 --grow\n").doesNotContain("reqpart");
        assertThat(Files.readString(guests.resolve("rhel9/ks.cfg"))).contains("\nautopart --fstype=ext4\n");
    }

    @Test
    void cloudInitListsEachUserAndNoDefault() throws IOException {
        ArtifactChecks.checkCloudConfig(guests.resolve("cloud/cloud-init/user-data"));
        Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(
                guests.resolve("cloud/cloud-init/user-data")));
        List<Object> users = list(((Map<?, ?>) doc).get("users"));
        assertThat(users).hasSize(2).doesNotContain("default");
        Map<Object, Object> alice = map(users.get(0));
        assertThat(alice).containsEntry("name", "alice").containsEntry("lock_passwd", false)
                .containsEntry("uid", 1001).containsEntry("groups", List.of("adm", "lab"))
                .containsEntry("sudo", "ALL=(ALL) NOPASSWD:ALL").containsEntry("shell", "/bin/bash")
                .containsEntry("ssh_authorized_keys", List.of(KEY));
        assertThat((String) alice.get("hashed_passwd")).startsWith("$6$");
        Map<Object, Object> bob = map(users.get(1));
        assertThat(bob).containsEntry("lock_passwd", true).containsEntry("shell", "/bin/sh")
                .doesNotContainKey("hashed_passwd").doesNotContainKey("sudo");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> map(Object o) {
        return (Map<Object, Object>) o;
    }

    @Test
    void aPlainTextPasswordIsWrittenNowhereAndEachUserHasAHashOfItsOwn() throws IOException {
        for (Path f : ArtifactChecks.files(guests)) {
            assertThat(Files.readString(f)).as(f.toString()).doesNotContain("wonderland");
        }
        // root and alice have one password and two hashes: a reader cannot tell that they share it
        Map<?, ?> doc = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(
                guests.resolve("cloud/cloud-init/user-data")));
        Object rootHash = ((Map<?, ?>) ((List<?>) ((Map<?, ?>) doc.get("chpasswd")).get("users")).get(0)).get("password");
        Object aliceHash = ((Map<?, ?>) ((List<?>) doc.get("users")).get(0)).get("hashed_passwd");
        assertThat(rootHash).asString().startsWith("$6$");
        assertThat(aliceHash).asString().startsWith("$6$").isNotEqualTo(rootHash);
    }
}
