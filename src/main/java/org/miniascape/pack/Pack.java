package org.miniascape.pack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.miniascape.MiniascapeException;
import org.miniascape.image.ImageInfo;
import org.miniascape.image.ImageReader;
import org.miniascape.image.QemuImg;
import org.miniascape.model.Disk;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;
import org.miniascape.xml.DomainXml;

/**
 * pack: a guest of the site into a bundle, starting from an installed image. The image becomes
 * {@code NAME-base.qcow2} (converted, so any format or chain gives one standalone base) with the delta
 * {@code NAME.qcow2} on it (backing format declared); the guest's other disks are created empty at their
 * configured size; the site's domain XML points at them; then it is bundled as repack does.
 */
public final class Pack {
    private final QemuImg qemuImg;
    private final Bundler bundler;

    public Pack(QemuImg qemuImg, Bundler bundler) {
        this.qemuImg = qemuImg;
        this.bundler = bundler;
    }

    public Bundler.Result run(Site site, String guestName, Path image, Bundler.Options options) {
        Guest guest = site.guest(guestName).orElseThrow(() -> MiniascapeException.badInput("no guest named '"
                + guestName + "' in site " + site.name() + " (guests: " + String.join(", ",
                site.guests().stream().map(Guest::name).toList()) + ")"));
        if (guest.disks().isEmpty()) {
            throw MiniascapeException.badInput("guest " + guestName + " has no disk to put the image on");
        }
        ImageInfo top = new ImageReader().chain(image, Optional.empty()).get(0);
        Bundler.checkDirectory(guest.name(), options); // before the images are made: they take a while
        Path scratch = null;
        try {
            Files.createDirectories(options.workdir());
            scratch = Files.createTempDirectory(options.workdir().toAbsolutePath(), ".pack-" + guestName + "-");
            Path base = scratch.resolve(guestName + "-base.qcow2");
            qemuImg.convert(image, Optional.of(top.format().key()), base, "qcow2", List.of("compat=1.1"));
            Path delta = scratch.resolve(guestName + ".qcow2");
            qemuImg.createOverlay(delta, base.getFileName().toString(), "qcow2");

            DomainDocument domain = DomainDocument.parse(DomainXml.render(guest, site), "guest " + guestName);
            List<DomainDocument.DiskRef> disks = domain.disks().stream()
                    .filter(d -> d.device().equals("disk")).toList();
            List<String> notes = new ArrayList<>();
            for (int i = 0; i < disks.size(); i++) {
                DomainDocument.DiskRef ref = disks.get(i);
                if (i == 0) {
                    ref.setFile(delta.toString());
                    ref.setFormat("qcow2");
                    continue;
                }
                Disk d = guest.disks().get(i);
                Path empty = scratch.resolve(d.volume());
                qemuImg.create(empty, d.format(), d.sizeGib() << 30);
                ref.setFile(empty.toString());
                notes.add("disk " + ref.target() + " (" + d.volume() + ") is created empty, " + d.sizeGib() + " GiB");
            }
            if (guest.disks().get(0).sizeGib() << 30 > top.virtualSize()) {
                notes.add("the image is " + top.virtualSize() + " bytes, smaller than the " + guest.disks().get(0)
                        .sizeGib() + " GiB the site gives the first disk: it is packed at the image's size");
            }
            // The made images carry the input image's mtime: the bundle's date follows the input, not the clock.
            java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(image);
            try (Stream<Path> made = Files.list(scratch)) {
                for (Path p : made.toList()) {
                    Files.setLastModifiedTime(p, mtime);
                }
            }
            Bundler.Result r = bundler.bundle(domain, options);
            List<String> all = new ArrayList<>(notes);
            all.addAll(r.notes());
            return new Bundler.Result(r.directory(), r.archive(), r.packages(), all);
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot pack " + guestName + ": " + e.getMessage(), e);
        } finally {
            delete(scratch);
        }
    }

    private static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
