package org.miniascape.render.guest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;
import org.miniascape.model.Disk;
import org.miniascape.model.Guest;
import org.miniascape.model.Network;
import org.miniascape.model.Site;
import org.miniascape.model.StoragePool;
import org.miniascape.render.OutputTree;
import org.miniascape.render.Templates;
import org.miniascape.xml.NetworkXml;

/**
 * A libvirt test-driver host for one test, in its temp dir: {@code node.xml} with the site's networks, its pools
 * and the base images guests are overlays of (the test driver keeps all of it in memory, per connection), a
 * local install tree virt-install can read, and a {@code bin/virsh} wrapper that logs every virsh call before
 * running the real one, so a test can tell what a script asked libvirt to do.
 */
final class GuestTestHost {
    final Path dir;
    final Path node;
    final Path tree;
    final Path virshLog;
    final Path bin;

    GuestTestHost(Path dir) {
        this.dir = dir;
        this.node = dir.resolve("node.xml");
        this.tree = dir.resolve("tree");
        this.virshLog = dir.resolve("virsh.log");
        this.bin = dir.resolve("bin");
    }

    String uri() {
        return "test://" + node.toAbsolutePath();
    }

    /** Writes node.xml: the networks as generated (or as given), every pool with its base images. */
    GuestTestHost write(Site site, List<String> networkXmls) throws IOException {
        StringBuilder sb = new StringBuilder("<node>\n");
        for (String xml : networkXmls) {
            sb.append(xml.replaceFirst("(?s)<!--.*?-->\\s*", "")).append('\n');
        }
        Map<String, List<String>> baseImages = new TreeMap<>();
        for (Guest g : site.guests()) {
            for (Disk d : g.disks()) {
                d.backing().ifPresent(b -> baseImages.computeIfAbsent(d.pool(), p -> new ArrayList<>()).add(b.name()));
            }
            if (g.install().method() == org.miniascape.model.Install.Method.IMPORT && !g.disks().isEmpty()
                    && g.disks().get(0).backing().isEmpty()) {
                baseImages.computeIfAbsent(g.disks().get(0).pool(), p -> new ArrayList<>())
                        .add(g.disks().get(0).volume());
            }
        }
        for (StoragePool p : site.storagePools()) {
            sb.append("  <pool type='dir'>\n    <name>").append(p.name()).append("</name>\n")
                    .append("    <target><path>").append(xmlText(p.path())).append("</path></target>\n");
            for (String image : baseImages.getOrDefault(p.name(), List.of()).stream().distinct().toList()) {
                String path = image.startsWith("/") ? image : p.path() + "/" + image;
                String name = image.substring(image.lastIndexOf('/') + 1);
                sb.append("    <volume type='file'><name>").append(xmlText(name)).append("</name>")
                        .append("<capacity unit='GiB'>2</capacity><target><path>").append(xmlText(path))
                        .append("</path><format type='qcow2'/></target></volume>\n");
            }
            sb.append("  </pool>\n");
        }
        sb.append("</node>\n");
        Files.writeString(node, sb.toString(), StandardCharsets.UTF_8);
        writeTree();
        writeVirshWrapper();
        return this;
    }

    private static String xmlText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    GuestTestHost write(Site site) throws IOException {
        List<String> xmls = new ArrayList<>();
        for (Network n : site.networks()) {
            xmls.add(NetworkXml.render(n));
        }
        return write(site, xmls);
    }

    /** A minimal install tree: what virt-install reads of it (.treeinfo, kernel, initrd). */
    private void writeTree() throws IOException {
        Files.createDirectories(tree.resolve("images/pxeboot"));
        Files.writeString(tree.resolve("images/pxeboot/vmlinuz"), "kernel\n");
        Files.writeString(tree.resolve("images/pxeboot/initrd.img"), "initrd\n");
        Files.writeString(tree.resolve(".treeinfo"), String.join("\n",
                "[general]", "family = Red Hat Enterprise Linux", "version = 9.0", "arch = x86_64",
                "platforms = x86_64", "", "[tree]", "arch = x86_64", "platforms = x86_64", "",
                "[images-x86_64]", "kernel = images/pxeboot/vmlinuz", "initrd = images/pxeboot/initrd.img", ""));
    }

    private void writeVirshWrapper() throws IOException {
        Files.createDirectories(bin);
        for (String tool : List.of("virsh", "virt-install")) {
            Path wrapper = bin.resolve(tool);
            Path log = tool.equals("virsh") ? virshLog : dir.resolve("virt-install.log");
            Files.writeString(wrapper, "#!/bin/bash\nprintf '%s\\n' \"$*\" >>" + log.toAbsolutePath()
                    + "\nexec /usr/bin/" + tool + " \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** Every virt-install command line the scripts ran so far (including --osinfo list). */
    List<String> virtInstallCalls() throws IOException {
        Path log = dir.resolve("virt-install.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** Every virsh command line the scripts ran so far. */
    List<String> virshCalls() throws IOException {
        return Files.exists(virshLog) ? Files.readAllLines(virshLog) : List.of();
    }

    /**
     * Generates the site's network, guest and host-service files (what this area's tests look at) into
     * {@code workdir} (committed) and returns that directory.
     */
    static Path generate(Site site, Path workdir) {
        try (OutputTree out = new OutputTree(workdir)) {
            Templates templates = GuestScenarios.templates();
            new org.miniascape.render.NetworkFilesGenerator().generate(site, templates, out);
            new GuestFilesGenerator().generate(site, templates, out);
            new org.miniascape.render.host.HostServicesGenerator().generate(site, templates, out);
            out.commit();
        }
        return workdir;
    }

    /** Runs a script with the test-driver URI, the logging virsh first on PATH, and test-driver overrides. */
    ExecResult run(Path script, String... args) {
        List<String> argv = new ArrayList<>(List.of(script.toString()));
        argv.addAll(List.of(args));
        return new Executor().run(Command.of(argv).in(dir)
                .env("QEMU_CONNECT", uri())
                .env("PATH", bin.toAbsolutePath() + ":" + System.getenv("PATH"))
                // The test driver only knows i686 guests of domain type 'test': let virt-install choose.
                .env("MINIASCAPE_VIRT_TYPE", "")
                .env("MINIASCAPE_ARCH", "")
                .env("MINIASCAPE_MACHINE", ""));
    }
}
