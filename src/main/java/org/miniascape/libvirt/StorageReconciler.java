package org.miniascape.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miniascape.MiniascapeException;
import org.miniascape.model.StoragePool;
import org.miniascape.render.guest.GuestVolumes;
import org.miniascape.xml.PoolXml;
import org.w3c.dom.Element;

/**
 * The site's storage pools (defined, built, autostarted, started) and its guests' volumes (created through the
 * storage API, with the backing format declared, so that virt-install and domains find them; field notes 9, 11).
 */
public final class StorageReconciler {
    private final Hypervisor hv;
    private final boolean dryRun;

    public StorageReconciler(Hypervisor hv, boolean dryRun) {
        this.hv = hv;
        this.dryRun = dryRun;
    }

    /** A pool of the site whose type or path differs from libvirt's: nothing is changed, the caller refuses. */
    public Optional<String> drift(StoragePool pool) {
        if (hv.pool(pool.name()).isEmpty()) {
            return Optional.empty();
        }
        Element root = NetworkDefinition.document(hv.poolXml(pool.name())).getDocumentElement();
        String type = root.getAttribute("type");
        String path = NetworkDefinition.child(root, "target").flatMap(t -> NetworkDefinition.child(t, "path"))
                .map(p -> p.getTextContent().strip()).orElse("");
        if (!type.equals(pool.type()) || !stripSlash(path).equals(stripSlash(pool.path()))) {
            return Optional.of("storage pool " + pool.name() + " is " + type + " at " + path + " in libvirt, but "
                    + pool.type() + " at " + pool.path() + " in the site; remove it (virsh pool-destroy/pool-undefine)"
                    + " or rename the site's pool");
        }
        return Optional.empty();
    }

    private static String stripSlash(String p) {
        return p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
    }

    public Change pool(StoragePool pool) {
        Optional<PoolStatus> s = hv.pool(pool.name());
        if (s.isEmpty()) {
            if (!dryRun) {
                hv.definePool(PoolXml.render(pool));
                try {
                    hv.buildPool(pool.name());
                    hv.setPoolAutostart(pool.name(), pool.autostart());
                    hv.startPool(pool.name());
                } catch (MiniascapeException e) {
                    throw new MiniascapeException(e.exitCode(), e.getMessage() + " (storage pool " + pool.name()
                            + " was already defined; it is not running: run again once the cause is fixed)", e);
                }
            }
            return new Change("pool", pool.name(), Change.Outcome.CREATED,
                    "defined, built, " + (pool.autostart() ? "autostart, " : "") + "started");
        }
        List<String> done = new ArrayList<>();
        if (s.get().persistent() && s.get().autostart() != pool.autostart()) {
            if (!dryRun) {
                hv.setPoolAutostart(pool.name(), pool.autostart());
            }
            done.add("autostart " + (pool.autostart() ? "on" : "off"));
        }
        if (!s.get().active()) {
            if (pool.type().equals("dir")) {
                // A run whose build failed left the pool defined without its directory, and a dir pool does not
                // start without it; building a dir pool is mkdir -p, harmless when the directory is there.
                if (!dryRun) {
                    hv.buildPool(pool.name());
                }
                done.add("built");
            }
            if (!dryRun) {
                hv.startPool(pool.name());
            }
            return new Change("pool", pool.name(), Change.Outcome.STARTED, String.join(", ", done));
        }
        return done.isEmpty() ? new Change("pool", pool.name(), Change.Outcome.UNCHANGED, "")
                : new Change("pool", pool.name(), Change.Outcome.UPDATED_LIVE, String.join(", ", done));
    }

    public Change volume(GuestVolumes.Volume v) {
        String id = v.pool() + "/" + v.name();
        boolean poolActive = hv.pool(v.pool()).map(PoolStatus::active).orElse(false);
        if (poolActive && hv.volume(v.pool(), v.name()).isPresent()) {
            return new Change("volume", id, Change.Outcome.UNCHANGED, "");
        }
        if (v.mustExist()) {
            throw MiniascapeException.hostState("volume " + id + " is the disk image of an imported guest and does not"
                    + " exist; put the image into pool " + v.pool() + " first");
        }
        if (!dryRun) {
            hv.createVolume(v.pool(), v.xml());
        }
        return new Change("volume", id, Change.Outcome.CREATED, "");
    }

    public Change removeVolume(GuestVolumes.Volume v) {
        String id = v.pool() + "/" + v.name();
        boolean poolActive = hv.pool(v.pool()).map(PoolStatus::active).orElse(false);
        if (!poolActive || hv.volume(v.pool(), v.name()).isEmpty()) {
            return new Change("volume", id, Change.Outcome.ABSENT, "");
        }
        if (v.mustExist()) {
            // An imported guest's image is the user's, not ours to delete.
            return new Change("volume", id, Change.Outcome.UNCHANGED, "an imported image: kept");
        }
        if (!dryRun) {
            hv.deleteVolume(v.pool(), v.name());
        }
        return new Change("volume", id, Change.Outcome.REMOVED, "");
    }

    /** Destroys and undefines a site pool, unless it holds volumes that are not the site's (then it stays). */
    public Change removePool(StoragePool pool, List<String> siteVolumes) {
        Optional<PoolStatus> s = hv.pool(pool.name());
        if (s.isEmpty()) {
            return new Change("pool", pool.name(), Change.Outcome.ABSENT, "");
        }
        if (s.get().active()) {
            List<String> foreign = hv.volumes(pool.name()).stream().map(VolumeStatus::name)
                    .filter(n -> !siteVolumes.contains(n)).toList();
            if (!foreign.isEmpty()) {
                return new Change("pool", pool.name(), Change.Outcome.UNCHANGED,
                        "kept: it holds volumes that are not the site's: " + String.join(", ", foreign));
            }
        }
        if (!dryRun) {
            if (s.get().active()) {
                hv.stopPool(pool.name());
            }
            if (s.get().persistent()) {
                hv.undefinePool(pool.name());
            }
        }
        return new Change("pool", pool.name(), Change.Outcome.REMOVED, "directory " + pool.path() + " left in place");
    }
}
