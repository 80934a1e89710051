package org.miniascape.render.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.MiniascapeException;
import org.miniascape.config.ConfigSources;
import org.miniascape.config.SiteLoader;
import org.miniascape.model.Site;
import org.miniascape.render.OutputTree;
import org.miniascape.render.Templates;

/** Guests rendered on several threads give the same files, and the same first error, as on one. */
class ParallelRenderTest {
    private static final int GUESTS = GuestFilesGenerator.PARALLEL_FROM + 50;

    /** Kickstart, preseed and cloud-init guests in turn, each with an extra template of its own. */
    private static Site site() {
        StringBuilder yaml = new StringBuilder("""
                site: many
                storage_pools: [{name: default, type: dir, path: /var/lib/libvirt/images}]
                networks:
                  - {name: n, mode: nat, cidr: 10.1.0.0/22, dhcp: {start: 10.1.3.200, end: 10.1.3.250, static: {start: 10.1.0.10, end: 10.1.2.255}}}
                common: {memory: 1024, root_password: secret, disks: [{pool: default, size: 10}], templates: {motd: {src: mine/motd.j2, dst: files/motd}}}
                guests:
                """);
        String[] installs = {
            "{method: kickstart, location: 'http://10.1.0.1/rhel9/'}, os_variant: rhel9.0",
            "{method: preseed, location: 'http://deb.debian.org/debian/dists/bookworm/main/installer-amd64/'}, os_variant: debian12",
            "{method: cloud-init, image: ubuntu-22.04.qcow2}, os_variant: ubuntu22.04",
        };
        for (int i = 0; i < GUESTS; i++) {
            yaml.append("  - {name: g").append(i).append(", interfaces: [{network: n}], install: ")
                    .append(installs[i % installs.length]).append("}\n");
        }
        return SiteLoader.loadSources(List.of(new ConfigSources.Source("site.yml", yaml.toString())));
    }

    private static Map<String, String> build(Site site, Path templateDir, Path workdir, int threads) throws IOException {
        try (OutputTree out = new OutputTree(workdir)) {
            new GuestFilesGenerator(threads).generate(site, new Templates(List.of(templateDir)), out);
            out.commit();
        }
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(workdir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(workdir.relativize(p) + (Files.isExecutable(p) ? " (x)" : ""), Files.readString(p));
            }
        }
        return files;
    }

    @Test
    void severalThreadsWriteTheSameFilesAsOne(@TempDir Path dir) throws IOException {
        Path templates = Files.createDirectories(dir.resolve("t/mine"));
        Files.writeString(templates.resolve("motd.j2"), "Welcome to {{ guest.name }}\n");
        Site site = site();
        Map<String, String> one = build(site, dir.resolve("t"), dir.resolve("one"), 1);
        Map<String, String> four = build(site, dir.resolve("t"), dir.resolve("four"), 4);
        assertThat(one).hasSizeGreaterThan(GUESTS * 5)
                .containsEntry("guests/g7/files/motd", "Welcome to g7\n")
                .containsKeys("guests/g0/ks.cfg", "guests/g1/preseed.cfg", "guests/g2/cloud-init/user-data",
                        "guests/g249/vmbuild.sh (x)");
        assertThat(four).isEqualTo(one);
    }

    @Test
    void theFirstFailingGuestInConfigurationOrderIsReported(@TempDir Path dir) throws IOException {
        Path templates = Files.createDirectories(dir.resolve("t/mine"));
        // Undefined variables are errors: two guests far apart fail, the earlier one is named every time.
        Files.writeString(templates.resolve("motd.j2"),
                "{% if guest.name in ['g140', 'g230'] %}{{ no_such_variable }}{% endif %}hello\n");
        Site site = site();
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(work.resolve("before"), "kept");
        Files.writeString(work.resolve(OutputTree.MARKER), "an earlier build's\n");
        for (int threads : new int[] {1, 2, 4, 4, 4}) {
            assertThatThrownBy(() -> build(site, dir.resolve("t"), work, threads))
                    .isInstanceOf(MiniascapeException.class)
                    .hasMessageContaining("mine/motd.j2:1:")
                    .hasMessageContaining("no_such_variable")
                    .hasMessageEndingWith("\n  while rendering guests/g140/files/motd")
                    .satisfies(e -> assertThat(((MiniascapeException) e).exitCode()).isEqualTo(2));
            assertThat(work.resolve("before")).hasContent("kept");
            try (Stream<Path> left = Files.list(dir)) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("t", "work");
            }
        }
    }
}
