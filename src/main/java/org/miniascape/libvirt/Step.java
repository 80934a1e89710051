package org.miniascape.libvirt;

import java.util.List;

/**
 * One libvirt call of an {@link Action}: the data a plan holds and the only thing its executor runs. Each step
 * names what it does in the words of the plan's report.
 */
public sealed interface Step {

    void run(Hypervisor hv);

    /** Runs the step, telling {@code progress} what it reaches on the way (only the long ones do). */
    default void run(Hypervisor hv, java.util.function.Consumer<String> progress) {
        run(hv);
    }

    /** What the step does, e.g. "define", "autostart on", "add DHCP host 52:54:00:…". */
    String text();

    record DefineNetwork(String xml) implements Step {
        public void run(Hypervisor hv) {
            hv.defineNetwork(xml);
        }

        public String text() {
            return "define";
        }
    }

    record UndefineNetwork(String name) implements Step {
        public void run(Hypervisor hv) {
            hv.undefineNetwork(name);
        }

        public String text() {
            return "undefine";
        }
    }

    record StartNetwork(String name) implements Step {
        public void run(Hypervisor hv) {
            hv.startNetwork(name);
        }

        public String text() {
            return "start";
        }
    }

    record StopNetwork(String name) implements Step {
        public void run(Hypervisor hv) {
            hv.stopNetwork(name);
        }

        public String text() {
            return "destroy";
        }
    }

    record NetworkAutostart(String name, boolean on) implements Step {
        public void run(Hypervisor hv) {
            hv.setNetworkAutostart(name, on);
        }

        public String text() {
            return on ? "autostart on" : "autostart off";
        }
    }

    record UpdateNetwork(String name, NetworkUpdate update) implements Step {
        public void run(Hypervisor hv) {
            hv.updateNetwork(name, update);
        }

        public String text() {
            return update.describe();
        }
    }

    record DefinePool(String xml) implements Step {
        public void run(Hypervisor hv) {
            hv.definePool(xml);
        }

        public String text() {
            return "define";
        }
    }

    record BuildPool(String name) implements Step {
        public void run(Hypervisor hv) {
            hv.buildPool(name);
        }

        public String text() {
            return "build";
        }
    }

    record StartPool(String name) implements Step {
        public void run(Hypervisor hv) {
            hv.startPool(name);
        }

        public String text() {
            return "start";
        }
    }

    record StopPool(String name) implements Step {
        public void run(Hypervisor hv) {
            hv.stopPool(name);
        }

        public String text() {
            return "destroy";
        }
    }

    record UndefinePool(String name) implements Step {
        public void run(Hypervisor hv) {
            hv.undefinePool(name);
        }

        public String text() {
            return "undefine";
        }
    }

    record PoolAutostart(String name, boolean on) implements Step {
        public void run(Hypervisor hv) {
            hv.setPoolAutostart(name, on);
        }

        public String text() {
            return on ? "autostart on" : "autostart off";
        }
    }

    /**
     * {@code recorded}: a volume of this name that is there already is the site's (a domain's mark records it),
     * which a pool out of sight at planning may hold; any other one found there stops the action.
     */
    record CreateVolume(String pool, String name, String xml, boolean recorded) implements Step {
        public void run(Hypervisor hv) {
            if (!isThere(hv, pool, name, recorded)) {
                hv.createVolume(pool, xml);
            }
        }

        /**
         * True when the volume is there already and {@code recorded} says it is the site's (nothing to create);
         * false when it is not there; any other volume of that name stops the action (exit 3).
         */
        static boolean isThere(Hypervisor hv, String pool, String name, boolean recorded) {
            if (hv.volume(pool, name).isEmpty()) {
                return false;
            }
            if (recorded) {
                return true;
            }
            throw org.miniascape.MiniascapeException.hostState("volume " + pool + "/" + name + " is there"
                    + " already, and no domain of the site records it as its own; --adopt " + pool + "/" + name
                    + " takes it over");
        }

        public String text() {
            return "create volume " + name;
        }
    }

    /**
     * A guest's NoCloud seed: made when the step runs ({@code content}: the cloud-init files packed as an ISO
     * image), created as a raw volume of exactly its size, then uploaded. {@code recorded} as for
     * {@link CreateVolume}. A seed left empty by a failed upload is deleted again.
     */
    record CreateSeedVolume(String pool, String name, boolean recorded, java.util.function.Supplier<byte[]> content)
            implements Step {
        public void run(Hypervisor hv) {
            if (CreateVolume.isThere(hv, pool, name, recorded)) {
                return;
            }
            byte[] data = content.get();
            hv.createVolume(pool, org.miniascape.xml.VolumeXml.raw(name, data.length));
            try {
                hv.uploadVolume(pool, name, data);
            } catch (RuntimeException e) {
                hv.deleteVolume(pool, name);
                throw e;
            }
        }

        public String text() {
            return "create seed volume " + name;
        }
    }

    /**
     * Runs a kickstart or preseed guest's installer (virt-install, through {@code installer}) and, once the
     * installed system has powered off, gives the guest miniascape's own definition again ({@code installedXml},
     * its mark saying it is installed). virt-install defines the guest itself, so miniascape's definition of the
     * uninstalled guest makes way first (its volumes stay); when the installer fails before it defined anything,
     * that definition ({@code pendingXml}) is put back, so nothing of the guest is lost.
     */
    record RunInstaller(String guest, String pendingXml, String installedXml, Planner.Installer installer,
                        java.time.Duration timeout, String serialLog) implements Step {
        public void run(Hypervisor hv) {
            run(hv, x -> { });
        }

        @Override
        public void run(Hypervisor hv, java.util.function.Consumer<String> progress) {
            java.util.Optional<DomainStatus> d = hv.domain(guest);
            if (d.isPresent() && d.get().active()) {
                throw org.miniascape.MiniascapeException.hostState("guest " + guest + " is running; its installer"
                        + " would overwrite its disks");
            }
            d.ifPresent(x -> hv.undefineDomain(guest));
            long start = System.nanoTime();
            InstallProgress told = InstallProgress.from(serialLog);
            try {
                installer.install(guest, progress);
            } catch (RuntimeException e) {
                java.util.Optional<DomainStatus> left = hv.domain(guest);
                if (left.isEmpty()) {
                    hv.defineDomain(pendingXml);
                } else if (!left.get().active()) {
                    hv.undefineDomain(guest);
                    hv.defineDomain(pendingXml);
                }
                throw e;
            }
            progress.accept("installing");
            long deadline = start + timeout.toNanos();
            java.util.OptionalInt shown = java.util.OptionalInt.empty();
            while (hv.domain(guest).map(DomainStatus::active).orElse(false)) {
                java.util.OptionalInt now = told.percent();
                if (now.isPresent() && !now.equals(shown)) {
                    shown = now;
                    progress.accept("installing " + now.getAsInt() + " %");
                }
                if (System.nanoTime() > deadline) {
                    throw org.miniascape.MiniascapeException.failed("the installer of guest " + guest + " did not"
                            + " finish within " + Readiness.format(timeout) + " (--timeout waits longer); it is still"
                            + " running: 'miniascape console " + guest + "' shows where it is");
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw org.miniascape.MiniascapeException.failed("interrupted while installing " + guest);
                }
            }
            if (hv.domain(guest).isPresent()) {
                hv.undefineDomain(guest);
            }
            hv.defineDomain(installedXml);
            progress.accept("installed in " + Readiness.elapsed(start));
        }

        public String text() {
            return "run the installer, then define";
        }
    }

    /** Waits until a started guest is ready (see {@link Readiness}), or fails after its timeout. */
    record WaitReady(Readiness readiness) implements Step {
        public void run(Hypervisor hv) {
            readiness.await(hv, x -> { });
        }

        @Override
        public void run(Hypervisor hv, java.util.function.Consumer<String> progress) {
            readiness.await(hv, progress);
        }

        public String text() {
            return "wait until ready";
        }
    }

    /** {@code ifPresent}: a volume that is not there is no failure (a pool's contents unseen at planning). */
    record DeleteVolume(String pool, String name, boolean ifPresent) implements Step {
        public void run(Hypervisor hv) {
            if (!ifPresent || hv.volume(pool, name).isPresent()) {
                hv.deleteVolume(pool, name);
            }
        }

        public String text() {
            return "delete volume " + name;
        }
    }

    record DefineDomain(String xml) implements Step {
        public void run(Hypervisor hv) {
            hv.defineDomain(xml);
        }

        public String text() {
            return "define";
        }
    }

    record StartDomain(String name) implements Step {
        public void run(Hypervisor hv) {
            hv.startDomain(name);
        }

        public String text() {
            return "start";
        }
    }

    record StopDomain(String name) implements Step {
        public void run(Hypervisor hv) {
            hv.stopDomain(name);
        }

        public String text() {
            return "power off";
        }
    }

    record UndefineDomain(String name) implements Step {
        public void run(Hypervisor hv) {
            hv.undefineDomain(name);
        }

        public String text() {
            return "undefine";
        }
    }

    /**
     * A command on the host through its shell ({@link HostShell}): one {@code ip link} or {@code bridge fdb} call
     * of a VXLAN link. Its text is the command itself.
     */
    record HostCommand(HostShell shell, List<String> argv) implements Step {
        public HostCommand {
            argv = List.copyOf(argv);
        }

        public void run(Hypervisor hv) {
            shell.runChecked(argv);
        }

        public String text() {
            return String.join(" ", argv);
        }
    }

    /**
     * What cannot be done because something could not be read when the plan was made (a host whose daemon did
     * not answer): the step fails with that message, and the actions depending on it are not started.
     */
    record Fail(String what, String message) implements Step {
        public void run(Hypervisor hv) {
            throw org.miniascape.MiniascapeException.failed(message);
        }

        public String text() {
            return what;
        }
    }
}
