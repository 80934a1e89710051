package org.miniascape.pack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.miniascape.MiniascapeException;
import org.miniascape.image.ImageReader;
import org.miniascape.image.Progress;
import org.miniascape.image.SparseCopy;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.xml.PoolElement;
import org.miniascape.xml.XmlElement;

/**
 * unpack, the inverse of repack for hosts without rpm: verifies the bundle against its manifest, places its
 * images in a directory (or a pool's directory), points the domain XML's disks there, writes the XML and, given
 * a libvirt connection, defines the guest. Existing files are never overwritten.
 */
public final class Unpack {

    public record Result(String domain, Path xml, List<Path> images, boolean defined) {
    }

    private final Progress progress;

    public Unpack(Progress progress) {
        this.progress = progress;
    }

    /**
     * @param bundle    a bundle directory or a .tar.gz/.tar.xz of one
     * @param imagesDir where the images go
     * @param xmlDir    where the rewritten domain XML is written
     * @param hypervisor when present, the guest is defined there
     */
    public Result run(Path bundle, Path imagesDir, Path xmlDir, Optional<Hypervisor> hypervisor) {
        if (!Files.exists(bundle)) {
            throw MiniascapeException.badInput(bundle + ": no such bundle");
        }
        requireDirectory(imagesDir, "the images directory");
        requireDirectory(xmlDir, "the directory for the domain XML");
        if (Files.isDirectory(bundle)) {
            return place(bundle, imagesDir, xmlDir, hypervisor, false);
        }
        Path scratch = null;
        boolean madeImagesDir = !Files.exists(imagesDir);
        boolean done = false;
        try {
            Files.createDirectories(imagesDir);
            // Extracted beside the images, so placing them is a rename, not a second copy.
            scratch = Files.createTempDirectory(imagesDir, ".unpack-");
            Path dir = BundleArchive.extract(bundle, scratch);
            Result r = place(dir, imagesDir, xmlDir, hypervisor, true);
            done = true;
            return r;
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot unpack " + bundle + ": " + e.getMessage(), e);
        } finally {
            deleteTree(scratch);
            if (!done && madeImagesDir) {
                // Made only to extract into: a refused bundle leaves the host as it was.
                imagesDir.toFile().delete(); // only when empty, which it is when nothing was placed
            }
        }
    }

    /**
     * Unpack adds files to directories that may hold others (it replaces none, and overwrites no file): each
     * must be a directory (through a link is fine), or not exist yet. Checked before anything is placed.
     */
    private static void requireDirectory(Path dir, String what) {
        for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.exists(p)) { // the first that exists (the rest are made)
                if (!Files.isDirectory(p)) {
                    throw MiniascapeException.badInput(what + " " + dir + (p.equals(dir.toAbsolutePath().normalize())
                            ? "" : ": " + p) + " is not a directory; nothing was placed");
                }
                return;
            }
        }
    }

    private Result place(Path dir, Path imagesDir, Path xmlDir, Optional<Hypervisor> hypervisor, boolean move) {
        Manifest.verify(dir);
        Path xmlFile = findDomainXml(dir);
        DomainDocument domain = DomainDocument.parse(read(xmlFile), xmlFile.toString());
        String name = domain.name();
        if (!Bundler.NAME.matcher(name).matches()) {
            // It becomes the XML's file name: "../x" or "/x" would write outside the XML directory.
            throw MiniascapeException.badInput(xmlFile + ": domain name '" + name + "' cannot be used as a file "
                    + "name (letters, digits, . _ + - only)");
        }
        Path target = imagesDir.toAbsolutePath().normalize();
        List<Path> sources = images(dir);
        List<String> clashes = new ArrayList<>();
        for (Path image : sources) {
            if (Files.exists(target.resolve(image.getFileName()))) {
                clashes.add(target.resolve(image.getFileName()).toString());
            }
        }
        Path xmlOut = xmlDir.toAbsolutePath().normalize().resolve(name + ".xml");
        if (Files.exists(xmlOut)) {
            clashes.add(xmlOut.toString());
        }
        if (hypervisor.isPresent() && hypervisor.get().domain(name).isPresent()) {
            throw MiniascapeException.hostState("a domain named '" + name + "' is already defined on "
                    + hypervisor.get().uri() + "; undefine it or rename the bundle's guest first");
        }
        if (!clashes.isEmpty()) {
            throw MiniascapeException.hostState("these files exist already and are not overwritten:\n  "
                    + String.join("\n  ", clashes));
        }
        List<String> host = domain.hostResources();
        if (!host.isEmpty()) {
            // Same reason as for disks below: the bundle's guest must not reach into this host.
            throw MiniascapeException.badInput(xmlFile + ": the guest uses resources of this host, which a bundle "
                    + "must not bring in (if they are wanted, remove them from the XML, update SHA256SUMS and add "
                    + "them back after unpacking):\n  "
                    + String.join("\n  ", host));
        }
        // Every disk must be an image of this bundle: a bundle from elsewhere must not define a guest on
        // arbitrary files or devices of this host.
        java.util.Set<String> bundled = new java.util.HashSet<>();
        sources.forEach(p -> bundled.add(Bundler.IMAGES_DIR + "/" + p.getFileName()));
        for (DomainDocument.DiskRef disk : domain.disks()) {
            if (disk.source().isEmpty()) {
                continue; // an empty CD-ROM drive
            }
            if (!disk.type().equals("file") || !bundled.contains(disk.source().get())) {
                throw MiniascapeException.badInput(xmlFile + ": disk " + disk.target() + " uses "
                        + disk.source().get() + ", which is not an image of this bundle");
            }
            Path file = Path.of(disk.source().get()).getFileName();
            if (disk.device().equals("disk")) {
                chainInside(dir.resolve("images").resolve(file), disk, xmlFile);
            }
            // libvirt takes a <backingStore> given in the XML over the images' headers: only the headers,
            // checked above, may say what backs a disk.
            disk.dropBackingStore();
            disk.setFile(target.resolve(file).toString());
        }
        List<Path> placed = new ArrayList<>();
        boolean done = false;
        try {
            Files.createDirectories(target);
            for (Path image : sources) {
                Path dest = target.resolve(image.getFileName());
                if (move) {
                    Files.move(image, dest);
                } else {
                    SparseCopy.copy(image, dest, progress);
                }
                placed.add(dest);
            }
            for (DomainDocument.DiskRef disk : domain.disks()) {
                if (disk.type().equals("file") && disk.source().isPresent() && disk.device().equals("disk")) {
                    new ImageReader().chain(Path.of(disk.source().get()), disk.driverType()); // chain intact here
                }
            }
            Files.createDirectories(xmlOut.getParent());
            String xml = domain.toXml();
            Files.writeString(xmlOut, xml, StandardCharsets.UTF_8);
            boolean defined = false;
            if (hypervisor.isPresent()) {
                hypervisor.get().defineDomain(xml);
                defined = true;
            }
            done = true;
            return new Result(name, xmlOut, placed, defined);
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot place the images in " + target + ": " + e.getMessage(), e);
        } finally {
            if (!done) {
                // Leave the host as it was: no half-placed bundle.
                placed.forEach(p -> p.toFile().delete());
                xmlOut.toFile().delete();
            }
        }
    }

    /**
     * Every image of the disk's backing chain must be an image of this bundle: an overlay whose header names
     * a file of this host (say, another guest's disk) would give the guest that file.
     */
    private static void chainInside(Path top, DomainDocument.DiskRef disk, Path xmlFile) {
        Path images;
        try {
            images = top.getParent().toRealPath();
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot read " + top.getParent() + ": " + e.getMessage(), e);
        }
        for (org.miniascape.image.ImageInfo info : new ImageReader().chain(top, disk.driverType())) {
            if (!info.hasBacking()) {
                continue;
            }
            Path backing = info.backingPath().orElseThrow();
            boolean inside;
            try {
                inside = backing.toRealPath().getParent().equals(images);
            } catch (IOException e) {
                inside = false;
            }
            if (!inside) {
                throw MiniascapeException.badInput(xmlFile + ": disk " + disk.target() + ": image "
                        + info.path().getFileName() + " is backed by " + info.backingName().orElseThrow()
                        + ", which is not an image of this bundle");
            }
        }
    }

    /** The directory of a libvirt storage pool (its target path), refreshed afterwards by the caller. */
    public static Path poolDirectory(Hypervisor hypervisor, String pool) {
        if (hypervisor.pool(pool).isEmpty()) {
            throw MiniascapeException.badInput("no storage pool named '" + pool + "' on " + hypervisor.uri());
        }
        XmlElement root = XmlElement.parse(hypervisor.poolXml(pool),
                why -> MiniascapeException.failed("cannot read the XML of pool " + pool + ": " + why));
        Optional<String> path = PoolElement.read(root).targetPath();
        if (path.isPresent()) {
            return Path.of(path.get());
        }
        throw MiniascapeException.badInput("pool '" + pool + "' has no target directory (not a dir pool?)");
    }

    private static Path findDomainXml(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> xml = files.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
            if (xml.size() != 1) {
                throw MiniascapeException.badInput(dir + ": expected one domain XML at the top, found " + xml.size());
            }
            return xml.get(0);
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> images(Path dir) {
        Path images = dir.resolve("images");
        if (!Files.isDirectory(images)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(images)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot read " + images + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot remove " + root + ": " + e.getMessage(), e);
        }
    }
}
