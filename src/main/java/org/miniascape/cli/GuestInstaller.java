package org.miniascape.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.miniascape.MiniascapeException;
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;
import org.miniascape.exec.ScratchDir;
import org.miniascape.libvirt.Planner;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;
import org.miniascape.render.Templates;
import org.miniascape.render.guest.GuestFilesGenerator;

/**
 * A kickstart or preseed guest's installer, as {@code up} runs it: the guest's vmbuild.sh and install files
 * rendered as {@code build} renders them, into a private temporary directory, then vmbuild.sh (virt-install,
 * which returns once the install has started) with {@code QEMU_CONNECT} set to the URI. The directory goes
 * when virt-install has returned: it has read the install files (the kickstart file is injected into the
 * installer's initrd) by then.
 */
final class GuestInstaller implements Planner.Installer {
    private final Site site;
    private final String uri;
    private final Supplier<Templates> templates;

    GuestInstaller(Site site, String uri, Supplier<Templates> templates) {
        this.site = site;
        this.uri = uri;
        this.templates = templates;
    }

    @Override
    public void install(String name, Consumer<String> progress) {
        Guest guest = site.guest(name).orElseThrow(() -> new IllegalStateException("no guest " + name));
        try (ScratchDir scratch = ScratchDir.create("miniascape-install-")) {
            Path dir = scratch.path();
            GuestFilesGenerator.writeInstaller(guest, site, templates.get(), dir);
            progress.accept("starting the installer (virt-install)");
            ExecResult r = new Executor().run(Command.of("bash", dir.resolve("vmbuild.sh").toString())
                    .env("QEMU_CONNECT", uri).timeout(Duration.ofMinutes(30)));
            if (!r.ok()) {
                String err = r.stderr().strip();
                String hint = err.contains("/var/lib/libvirt/boot") ? "\n  virt-install keeps the installer's kernel"
                        + " and initrd in /var/lib/libvirt/boot on the libvirt host (libvirt-daemon-system creates it):"
                        + " create that directory there" : "";
                throw MiniascapeException.failed("virt-install of guest " + name + " exited " + r.exitCode()
                        + (err.isEmpty() ? "" : ": " + tail(err)) + hint);
            }
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot prepare the installer of guest " + name + ": " + e.getMessage(),
                    e);
        }
    }

    /** The last lines of what virt-install printed: its error is at the end. */
    private static String tail(String text) {
        var lines = text.lines().toList();
        return String.join("\n  ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }
}
