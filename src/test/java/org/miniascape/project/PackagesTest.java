package org.miniascape.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.cli.Docs;
import org.miniascape.testing.Zsh;

/**
 * The .deb and the .rpm that {@code make packages} builds: built here with {@code make package-files} from a
 * tree laid out as {@code mvn package} leaves target/ — the jar assembled from target/classes, the runtime
 * libraries of target/lib (copied there before the tests), man pages and completion written by the same
 * generator — since surefire runs before the package phase and no jar need exist yet. Then linted, unpacked
 * into scratch roots, and run from there.
 */
class PackagesTest {
    static final Path ROOT = Paths.get("").toAbsolutePath();
    static final String VERSION = System.getProperty("miniascape.projectVersion", "");
    static final String PKG_VERSION = VERSION.replaceFirst("-", "~").toLowerCase(java.util.Locale.ROOT);
    static final String KEY = "test@example.org";

    @TempDir
    static Path dir;
    static Path stage;
    static Path gpgHome;
    static Path deb;
    static Path rpm;

    record Run(int code, String out, String err) {
    }

    /** Runs argv in cwd with the test's environment less the variables the launcher reads, plus env. */
    static Run run(Path cwd, Map<String, String> env, String... argv) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile());
        pb.environment().keySet().removeAll(List.of("XDG_CACHE_HOME", "MINIASCAPE_SITE", "MINIASCAPE_HEAP"));
        pb.environment().putAll(env);
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        return new Run(code, out, Files.readString(err));
    }

    static Run ok(Path cwd, Map<String, String> env, String... argv) throws IOException, InterruptedException {
        Run r = run(cwd, env, argv);
        assertThat(r.code()).as(String.join(" ", argv) + "\n" + r.out() + r.err()).isZero();
        return r;
    }

    @BeforeAll
    static void buildThePackages() throws Exception {
        assertThat(VERSION).as("surefire's miniascape.projectVersion").isNotBlank();
        stage = dir.resolve("target");
        Path lib = Files.createDirectories(stage.resolve("lib"));
        List<String> classPath = new ArrayList<>();
        try (Stream<Path> jars = Files.list(ROOT.resolve("target/lib"))) {
            for (Path j : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                Files.copy(j, lib.resolve(j.getFileName()));
                classPath.add("lib/" + j.getFileName());
            }
        }
        assertThat(classPath).anyMatch(j -> j.startsWith("lib/picocli-")).anyMatch(j -> j.startsWith("lib/jna-"));
        // The jar as maven-jar-plugin makes it: the classes, Main-Class, Class-Path lib/....
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.miniascape.cli.Main");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        Path classes = ROOT.resolve("target/classes");
        try (OutputStream file = Files.newOutputStream(stage.resolve("miniascape.jar"));
                JarOutputStream jar = new JarOutputStream(file, manifest);
                Stream<Path> tree = Files.walk(classes)) {
            for (Path p : tree.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(p).toString()));
                Files.copy(p, jar);
                jar.closeEntry();
            }
        }
        Docs.main(new String[] {stage.resolve("man").toString(), stage.resolve("completion").toString(),
            ROOT.resolve("src/main/man/miniascape-site.5").toString()});

        gpgHome = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(gpgHome, PosixFilePermissions.fromString("rwx------"));
        ok(dir, Map.of(), "gpg", "--homedir", gpgHome.toString(), "--batch", "--passphrase", "", "--quick-gen-key",
                "miniascape test <" + KEY + ">", "ed25519", "sign", "never");

        Path out = dir.resolve("packages");
        Run made = ok(ROOT, Map.of("GNUPGHOME", gpgHome.toString()), "make", "-s", "package-files",
                "TARGET=" + stage, "PACKAGES=" + out, "VERSION=" + VERSION, "SIGN_KEY=" + KEY);
        deb = out.resolve("miniascape_" + PKG_VERSION + "-1_all.deb");
        rpm = out.resolve("miniascape-" + PKG_VERSION + "-1.noarch.rpm");
        assertThat(made.out().lines()).containsExactly(deb.toString(), rpm.toString());
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    deb.getFileName().toString(), rpm.getFileName().toString());
        }
    }

    static final List<String> INSTALLED = List.of("/usr/bin/miniascape", "/usr/share/miniascape/miniascape.jar",
            "/usr/share/miniascape/launcher.bash", "/usr/share/miniascape/lib/picocli-4.7.7.jar",
            "/usr/share/man/man1/miniascape.1.gz", "/usr/share/man/man1/miniascape-up.1.gz",
            "/usr/share/man/man5/miniascape-site.5.gz", "/usr/share/bash-completion/completions/miniascape");
    /** zsh's function path: Debian's zsh reads vendor-completions, Fedora's site-functions. */
    static final String DEB_ZSH = "/usr/share/zsh/vendor-completions/_miniascape";
    static final String RPM_ZSH = "/usr/share/zsh/site-functions/_miniascape";

    @Test
    void theDebHasTheToolsFilesDependenciesAndVersion() throws Exception {
        String fields = ok(dir, Map.of(), "dpkg-deb", "-f", deb.toString(), "Package", "Version", "Architecture",
                "Depends", "Recommends").out();
        assertThat(fields).contains("Package: miniascape", "Version: " + PKG_VERSION + "-1", "Architecture: all",
                "Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless, libvirt0 (>= 9.0.0)",
                "Recommends: virtinst, dnsmasq-base, qemu-utils, xorriso");
        String files = ok(dir, Map.of(), "dpkg-deb", "-c", deb.toString()).out();
        assertThat(files).contains(INSTALLED.stream().map(f -> "." + f).toList())
                .contains("./usr/share/doc/miniascape/copyright", "./usr/share/doc/miniascape/changelog.Debian.gz",
                        "." + DEB_ZSH).doesNotContain(RPM_ZSH);
        assertThat(files.lines().filter(l -> l.endsWith("." + DEB_ZSH))).singleElement()
                .asString().startsWith("-rw-r--r-- root/root");
        assertThat(files.lines().filter(l -> l.endsWith("./usr/bin/miniascape"))).singleElement()
                .asString().startsWith("-rwxr-xr-x root/root");
        // In dpkg's order, the snapshot comes before the release.
        ok(dir, Map.of(), "dpkg", "--compare-versions", PKG_VERSION + "-1", "lt", "0.4.0-1");
    }

    @Test
    void theRpmHasTheToolsFilesDependenciesAndVersion() throws Exception {
        assertThat(ok(dir, Map.of(), "rpm", "-qp", "--queryformat", "%{NAME} %{VERSION} %{RELEASE} %{ARCH}",
                rpm.toString()).out()).isEqualTo("miniascape " + PKG_VERSION + " 1 noarch");
        assertThat(ok(dir, Map.of(), "rpm", "-qp", "--requires", rpm.toString()).out().lines())
                .contains("java-headless >= 1:17", "libvirt-libs >= 9.0.0");
        assertThat(ok(dir, Map.of(), "rpm", "-qp", "--recommends", rpm.toString()).out().lines())
                .containsExactlyInAnyOrder("virt-install", "dnsmasq", "qemu-img", "xorriso");
        assertThat(ok(dir, Map.of(), "rpm", "-qlp", rpm.toString()).out().lines())
                .contains(INSTALLED.toArray(String[]::new)).contains("/usr/share/licenses/miniascape/copyright", RPM_ZSH)
                .doesNotContain(DEB_ZSH);
        // In rpm's order too.
        assertThat(ok(dir, Map.of(), "rpm", "--eval", "%{lua: print(rpm.vercmp('" + PKG_VERSION + "', '0.4.0'))}")
                .out().strip()).isEqualTo("-1");
    }

    @Test
    void lintianReportsNoErrors() throws Exception {
        Run r = run(dir, Map.of(), "lintian", "--tag-display-limit", "0", "-I", deb.toString());
        assertThat(r.out().lines().filter(l -> l.startsWith("E: "))).as(r.out()).isEmpty();
        assertThat(r.code()).as(r.out() + r.err()).isZero();
    }

    @Test
    void rpmlintReportsNoErrors() throws Exception {
        // rpmlint checks the signature against rpm's keyring: a private one holding the test's key.
        Path home = Files.createDirectories(dir.resolve("lint-home"));
        Path db = Files.createDirectories(home.resolve("rpmdb"));
        Files.writeString(home.resolve(".rpmmacros"), "%_dbpath " + db + "\n");
        Files.writeString(home.resolve("key.asc"), ok(dir, Map.of(), "gpg", "--homedir", gpgHome.toString(),
                "--armor", "--export", KEY).out());
        ok(dir, Map.of(), "rpm", "--dbpath", db.toString(), "--import", home.resolve("key.asc").toString());
        Run r = run(dir, Map.of("HOME", home.toString()), "rpmlint", rpm.toString());
        assertThat(r.out()).as(r.out()).contains("0 errors").doesNotContain(": E: ");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
    }

    /** Every file under root with its size and modification time. */
    static Map<String, String> listing(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.collect(Collectors.toMap(p -> root.relativize(p).toString(), p -> {
                try {
                    return Files.size(p) + " " + Files.getLastModifiedTime(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
    }

    /**
     * The installed launcher, run from a scratch root: --version and build work; the class-data archive is made
     * on the first run into the cache directory, is one the JVM maps for the installed jar, and is not made
     * again by the next run; nothing in the installation changes.
     */
    static void runsFromTheScratchRoot(Path scratch, Map<String, String> env, Path cache) throws Exception {
        Path launcher = scratch.resolve("usr/bin/miniascape");
        Path jar = scratch.resolve("usr/share/miniascape/miniascape.jar");
        Map<String, String> before = listing(scratch);
        Path cwd = Files.createDirectories(scratch.resolveSibling(scratch.getFileName() + "-cwd"));

        Run version = ok(cwd, env, launcher.toString(), "--version");
        assertThat(version.out()).startsWith("miniascape " + VERSION);
        Path jsa = cache.resolve("miniascape/miniascape.jsa");
        assertThat(jsa).isRegularFile();
        assertThat(Files.size(jsa)).isGreaterThan(1_000_000);
        assertThat(Files.readAllLines(cache.resolve("miniascape/miniascape.jsa.java")))
                .containsExactly(ok(cwd, Map.of(), "bash", "-c", "readlink -f \"$(command -v java)\"").out().strip(),
                        jar.toRealPath().toString());
        // -Xshare:on: the JVM refuses to start unless it can map the archive for this jar and this JVM.
        Run mapped = ok(cwd, Map.of(), "java", "-Xshare:on", "-XX:SharedArchiveFile=" + jsa, "-jar", jar.toString(),
                "--version");
        assertThat(mapped.out()).startsWith("miniascape " + VERSION);
        var made = Files.getLastModifiedTime(jsa);

        Path out = cwd.resolve("out");
        Run build = ok(cwd, env, launcher.toString(), "build", "-w", out.toString());
        assertThat(build.out()).contains("built site lab into " + out);
        assertThat(out.resolve("networks")).isDirectory();
        assertThat(out.resolve("site.json")).isRegularFile();
        assertThat(Files.getLastModifiedTime(jsa)).isEqualTo(made);
        // The embedded templates are listed from the installed jar's entries, and print from it.
        Run templates = ok(cwd, env, launcher.toString(), "show", "templates");
        assertThat(templates.out().lines()).contains("guest/ks.cfg.j2", "pack/vm.spec.j2").isSorted();
        assertThat(ok(cwd, env, launcher.toString(), "show", "template", "guest/ks.cfg.j2").out())
                .isEqualTo(Files.readString(ROOT.resolve("src/main/resources/org/miniascape/templates/guest/ks.cfg.j2")));
        quickStartWorks(launcher, env, scratch.resolveSibling(scratch.getFileName() + "-quickstart"));
        assertThat(listing(scratch)).isEqualTo(before);
    }

    /**
     * The README's quick start, as a user runs it with the installed launcher: {@code miniascape init lab
     * --example cloud-init}, then in lab/ {@code miniascape validate} and {@code miniascape build}.
     */
    static void quickStartWorks(Path launcher, Map<String, String> env, Path home) throws Exception {
        Path cwd = Files.createDirectories(home);
        Run init = ok(cwd, env, launcher.toString(), "init", "lab", "--example", "cloud-init");
        assertThat(init.out()).startsWith("wrote example cloud-init into lab:\n")
                .endsWith("next: cd lab && miniascape validate && miniascape build && miniascape plan\n");
        Path lab = cwd.resolve("lab");
        assertThat(lab.resolve("miniascape.yml")).hasSameBinaryContentAs(ROOT.resolve("examples/cloud-init/miniascape.yml"));
        assertThat(lab.resolve("README.md")).hasSameBinaryContentAs(ROOT.resolve("examples/cloud-init/README.md"));
        Run validate = ok(lab, env, launcher.toString(), "validate");
        assertThat(validate.out()).isEqualTo("site webdb is valid: 2 networks, 2 guests, 5 DHCP reservations\n");
        Run build = ok(lab, env, launcher.toString(), "build");
        assertThat(build.out()).startsWith("built site webdb into out: ");
        Path out = lab.resolve("out");
        assertThat(out.resolve("site.json")).isRegularFile();
        assertThat(out.resolve("networks/lan.xml")).content().contains("<name>lan</name>");
        assertThat(out.resolve("networks/backend.xml")).content().contains("<name>backend</name>");
        for (String guest : List.of("web", "db")) {
            assertThat(out.resolve("guests/" + guest + "/cloud-init/user-data")).content().startsWith("#cloud-config\n");
            assertThat(out.resolve("guests/" + guest + "/domain.xml")).content().contains("<name>" + guest + "</name>");
        }
    }

    @Test
    void theDebUnpackedIntoAScratchRootRunsWithTheArchiveInXdgCacheHome() throws Exception {
        Path scratch = dir.resolve("deb-root");
        ok(dir, Map.of(), "dpkg-deb", "-x", deb.toString(), scratch.toString());
        Path cache = dir.resolve("xdg-cache");
        runsFromTheScratchRoot(scratch, Map.of("XDG_CACHE_HOME", cache.toString(), "HOME",
                dir.resolve("deb-home").toString()), cache);
        assertThat(dir.resolve("deb-home")).doesNotExist();
        installedPagesRenderWithMan(scratch);
        installedCompletionCompletes(scratch);
        installedZshCompletionCompletes(scratch, DEB_ZSH);
    }

    /**
     * The .rpm installed by rpm itself into a scratch root ({@code rpm --root}, its database under the root;
     * --nodeps: the scratch root has no Java or libvirt; --noscripts: the package has no scriptlets, and none
     * would run in a root without a shell): rpm knows it there, with the file list of the package, every file as
     * the package has it ({@code rpm -V}); the installed files run with the archive in ~/.cache, and their man
     * pages and completion work. rpm 4.18 does this without root privileges too (tried as nobody).
     */
    @Test
    void theRpmInstalledWithRpmRootIntoAScratchRootIsKnownToRpmThereAndRuns() throws Exception {
        Path scratch = Files.createDirectories(dir.resolve("rpm-installed"));
        String root = scratch.toString();
        Run install = ok(dir, Map.of(), "rpm", "--root", root, "--dbpath", "/var/lib/rpm", "--nodeps", "--noscripts",
                "-i", rpm.toString());
        assertThat(install.out()).isEmpty();
        assertThat(ok(dir, Map.of(), "rpm", "--root", root, "--dbpath", "/var/lib/rpm", "-q", "miniascape").out())
                .isEqualTo("miniascape-" + PKG_VERSION + "-1.noarch\n");
        List<String> files = ok(dir, Map.of(), "rpm", "--root", root, "--dbpath", "/var/lib/rpm", "-ql", "miniascape")
                .out().lines().toList();
        assertThat(files).containsExactlyInAnyOrderElementsOf(ok(dir, Map.of(), "rpm", "-qlp", rpm.toString()).out()
                .lines().toList()).contains(INSTALLED.toArray(String[]::new)).contains(RPM_ZSH);
        for (String f : files) {
            assertThat(scratch.resolve(f.substring(1))).as(f).exists();
        }
        // Nothing outside the package's files but rpm's database.
        try (Stream<Path> s = Files.walk(scratch)) {
            assertThat(s.filter(Files::isRegularFile).map(p -> "/" + scratch.relativize(p))
                    .filter(p -> !p.startsWith("/var/lib/rpm/"))).containsExactlyInAnyOrderElementsOf(files.stream()
                    .filter(f -> Files.isRegularFile(scratch.resolve(f.substring(1)))).toList());
        }
        Run verify = run(dir, Map.of(), "rpm", "--root", root, "--dbpath", "/var/lib/rpm", "-V", "--nodeps",
                "miniascape");
        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).isEmpty();
        Path home = dir.resolve("rpm-installed-home");
        runsFromTheScratchRoot(scratch, Map.of("HOME", home.toString()), home.resolve(".cache"));
        installedPagesRenderWithMan(scratch);
        installedCompletionCompletes(scratch);
        installedZshCompletionCompletes(scratch, RPM_ZSH);
    }

    /** Every generated page is installed gzipped and man renders it without a warning. */
    static void installedPagesRenderWithMan(Path scratch) throws Exception {
        List<String> pages = new ArrayList<>();
        try (Stream<Path> s = Files.list(stage.resolve("man"))) {
            s.forEach(p -> pages.add(p.getFileName().toString()));
        }
        assertThat(pages).hasSizeGreaterThan(25);
        for (String page : pages) {
            Path installed = scratch.resolve("usr/share/man/man" + page.substring(page.lastIndexOf('.') + 1))
                    .resolve(page + ".gz");
            Run r = ok(dir, Map.of("MANWIDTH", "80", "LC_ALL", "C.UTF-8"), "man", "--warnings", "-E", "UTF-8", "-l",
                    installed.toString());
            assertThat(r.err()).as(page).isEmpty();
            String name = page.substring(0, page.lastIndexOf('.'));
            assertThat(r.out()).as(page).containsPattern("NAME\\s+\\Q" + name + "\\E\\s+-\\s+\\S")
                    .contains("SYNOPSIS", "DESCRIPTION");
        }
    }

    /** The installed completion has no "#!" line (bash-completion sources it) and completes subcommands. */
    static void installedCompletionCompletes(Path scratch) throws Exception {
        Path script = scratch.resolve("usr/share/bash-completion/completions/miniascape");
        assertThat(Files.readString(script)).doesNotStartWith("#!");
        String probe = "source '" + script + "'\nCOMP_WORDS=(miniascape st)\nCOMP_CWORD=1\n"
                + "COMP_LINE='miniascape st'\nCOMP_POINT=${#COMP_LINE}\n_complete_miniascape miniascape\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        assertThat(ok(dir, Map.of(), "bash", "--norc", "--noprofile", "-c", probe).out().lines())
                .containsExactlyInAnyOrder("status", "storage");
    }

    /** The installed zsh completion is the generated #compdef file, and zsh completes with it from its directory. */
    static void installedZshCompletionCompletes(Path scratch, String path) throws Exception {
        Path file = scratch.resolve(path.substring(1));
        assertThat(Files.readString(file)).isEqualTo(Files.readString(stage.resolve("completion/_miniascape")))
                .startsWith("#compdef miniascape\n");
        Assumptions.assumeTrue(Zsh.available(), "zsh with zsh/zpty is not installed (.ci/run installs it)");
        assertThat(Zsh.complete(file.getParent(), scratch.resolveSibling(scratch.getFileName() + "-zsh"),
                "miniascape sta", "miniascape show tem")).containsExactly("miniascape status ",
                "miniascape show template");
    }
}
