package org.miniascape.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.libvirt.PoolStatus;
import org.miniascape.libvirt.VolumeStatus;
import org.miniascape.libvirt.Planner;
import org.miniascape.model.Site;
import org.miniascape.model.StoragePool;
import org.miniascape.resolve.GuestVolumes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code storage}: the site's pools and its guests' volumes. */
@Command(name = "storage", mixinStandardHelpOptions = true,
        description = "The site's storage pools and its guests' volumes in libvirt.")
public final class StorageCommand implements Runnable {
    /** Registered by {@link Main}: only the one named on the command line (all of them for help). */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(
            StorageCommand.Register.class, StorageCommand.Unregister.class, StorageCommand.List.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The parts every storage subcommand shares. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        HostSiteOptions site;
        @Mixin
        LibvirtOptions libvirt;
        @Spec
        CommandSpec spec;
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = {"Define, build, autostart and start the site's pools, and create the missing guest volumes.",
                "Volumes are qcow2 (compat 1.1), an overlay's backing store with its format declared."})
    static final class Register extends Base {
        @Mixin
        ApplyOptions apply;

        @Override
        public Integer call() {
            libvirt.preload();
            Site s = site.load();
            return libvirt.apply(spec, site, s, apply.planner(false), apply.parallel(), LibvirtOptions.Confirmation.ALWAYS,
                    planner -> planner.up(Planner.Scope.storage(s, s.guests())));
        }
    }

    @Command(name = "unregister", mixinStandardHelpOptions = true,
            description = {"Delete the guests' volumes, then destroy and undefine the site's pools.",
                "A pool holding volumes that are not the site's is kept; pool directories are left in place."})
    static final class Unregister extends Base {

        @Override
        public Integer call() {
            libvirt.preload();
            Site s = site.load();
            return libvirt.applyPlain(spec, site, s, planner -> planner.down(Planner.Scope.storage(s, s.guests())));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The site's pools and guest volumes against libvirt.")
    static final class List extends Base {

        @Override
        public Integer call() {
            libvirt.preload();
            Site s = site.load();
            PrintWriter out = spec.commandLine().getOut();
            java.util.List<java.util.Map<String, Object>> rows = new java.util.ArrayList<>();
            try (Hypervisor hv = libvirt.open()) {
                for (StoragePool p : s.storagePools()) {
                    var st = hv.pool(p.name());
                    var row = new java.util.LinkedHashMap<String, Object>();
                    row.put("kind", "pool");
                    row.put("name", p.name());
                    row.put("defined", st.isPresent());
                    row.put("active", st.map(PoolStatus::active).orElse(false));
                    row.put("autostart", st.map(PoolStatus::autostart).orElse(false));
                    rows.add(row);
                }
                for (var g : s.guests()) {
                    for (GuestVolumes.Volume v : GuestVolumes.of(g, s)) {
                        boolean active = hv.pool(v.pool()).map(PoolStatus::active).orElse(false);
                        var vol = active ? hv.volume(v.pool(), v.name()) : java.util.Optional.<VolumeStatus>empty();
                        var row = new java.util.LinkedHashMap<String, Object>();
                        row.put("kind", "volume");
                        row.put("name", v.pool() + "/" + v.name());
                        row.put("exists", vol.isPresent());
                        row.put("path", vol.map(VolumeStatus::path).orElse(null));
                        row.put("capacity", vol.map(VolumeStatus::capacity).orElse(null));
                        rows.add(row);
                    }
                }
            }
            return PlanReport.print(spec, libvirt.json(), doc -> {
                if (libvirt.json()) {
                    doc.put("uri", libvirt.uri());
                    doc.put("site", s.name());
                    doc.put("pools", rows.stream().filter(r -> r.get("kind").equals("pool")).map(List::withoutKind).toList());
                    doc.put("volumes", rows.stream().filter(r -> r.get("kind").equals("volume")).map(List::withoutKind).toList());
                    return ExitCode.OK;
                }
                for (var row : rows) {
                    if (row.get("kind").equals("pool")) {
                        out.printf("pool   %-30s defined=%s active=%s autostart=%s%n", row.get("name"),
                                NetListCommand.yes((Boolean) row.get("defined")),
                                NetListCommand.yes((Boolean) row.get("active")),
                                NetListCommand.yes((Boolean) row.get("autostart")));
                    } else {
                        out.printf("volume %-30s %s%n", row.get("name"),
                                (Boolean) row.get("exists") ? "exists " + row.get("path") : "missing");
                    }
                }
                return ExitCode.OK;
            });
        }

        private static java.util.Map<String, Object> withoutKind(java.util.Map<String, Object> row) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>(row);
            m.remove("kind");
            return m;
        }
    }
}
