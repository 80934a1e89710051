package org.miniascape.pack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.miniascape.MiniascapeException;
import org.miniascape.exec.Executor;
import org.miniascape.image.ImageInfo;
import org.miniascape.image.ImageReader;
import org.miniascape.image.Progress;
import org.miniascape.image.QemuImg;
import org.miniascape.image.SparseCopy;
import org.miniascape.render.OutputTree;
import org.miniascape.render.Templates;

/**
 * Builds {@code WORKDIR/vm-NAME-VERSION/}: the domain XML with its disks pointing where the package installs
 * them, every image of every backing chain (sparse copies, relative backing names with declared formats),
 * README, Makefile, RPM spec and SHA256SUMS; then, on request, an archive, a source RPM and a binary RPM.
 * Nothing in it depends on the time of the run, so the same input gives the same bytes.
 */
public final class Bundler {
    /** Where the package installs the images; the bundled XML points there. */
    public static final String IMAGES_DIR = "/var/lib/libvirt/images";
    /** Also what unpack accepts from a bundle: the name becomes a file name there. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+~]*");

    /**
     * {@code signKey}: sign the RPMs with this GnuPG key (rpmsign), from {@code gpgHome} when given.
     * {@code packager}: the spec's Packager tag. {@code force}: replace a bundle directory that is not a
     * miniascape output (see {@link OutputTree#check}).
     */
    public record Options(Path workdir, String version, Optional<ArchiveFormat> archive, boolean srpm, boolean rpm,
                          Optional<String> signKey, Optional<Path> gpgHome, String packager, boolean force) {
        public Options(Path workdir, String version, Optional<ArchiveFormat> archive, boolean srpm, boolean rpm) {
            this(workdir, version, archive, srpm, rpm, Optional.empty(), Optional.empty(), DEFAULT_PACKAGER, false);
        }
    }

    /**
     * The bundle directory of {@code name}, {@code WORKDIR/vm-NAME-VERSION}, checked as the output it becomes:
     * refused (exit 2) when it must not be replaced (see {@link OutputTree#check}). For pack, before it makes
     * the images.
     */
    public static Path checkDirectory(String name, Options options) {
        checkNames(name, options);
        Path dir = options.workdir().toAbsolutePath().normalize().resolve("vm-" + name + "-" + options.version());
        OutputTree.check(dir, options.force());
        return dir;
    }

    private static void checkNames(String name, Options options) {
        if (!NAME.matcher(name).matches()) {
            throw MiniascapeException.badInput("domain name '" + name + "' cannot be used in file and package names "
                    + "(letters, digits, . _ + - only)");
        }
        if (!VERSION.matcher(options.version()).matches()) {
            throw MiniascapeException.badInput("version '" + options.version() + "' is not a valid RPM version "
                    + "(letters, digits, . _ + ~; no '-')");
        }
    }

    public static final String DEFAULT_PACKAGER = "miniascape repack <root@localhost>";

    public record Result(Path directory, Optional<Path> archive, List<Path> packages, List<String> notes) {
    }

    /** One image placed in the bundle. */
    private record Placed(ImageInfo info, String file, boolean writable) {
    }

    private final Executor executor;
    private final Templates templates;
    private final Progress progress;
    private final ImageReader reader = new ImageReader();

    public Bundler(Executor executor, Templates templates, Progress progress) {
        this.executor = executor;
        this.templates = templates;
        this.progress = progress;
    }

    public Result bundle(DomainDocument domain, Options options) {
        String name = domain.name();
        checkNames(name, options);
        List<String> notes = new ArrayList<>();
        Map<Path, Placed> images = collectImages(domain, notes);
        String base = "vm-" + name + "-" + options.version();
        Path dir = options.workdir().toAbsolutePath().normalize().resolve(base);
        long epoch = newestMtime(images);
        try (OutputTree out = new OutputTree(dir, options.force())) {
            notes.addAll(out.forced());
            for (Placed p : images.values()) {
                Path copy = out.reserve("images/" + p.file());
                SparseCopy.copy(p.info().path(), copy, progress);
                relink(copy, p, images);
            }
            domain.remove("uuid");
            out.write(name + ".xml", domain.toXml());
            Map<String, Object> vars = variables(name, options, images.values(), epoch);
            out.write("README", templates.render("pack/README.j2", vars));
            out.write("Makefile", templates.render("pack/Makefile.j2", vars));
            out.write("vm-" + name + ".spec", templates.render("pack/vm.spec.j2", vars));
            Path manifest = out.reserve(Manifest.FILE);
            Files.writeString(manifest, Manifest.of(manifest.getParent()), StandardCharsets.UTF_8);
            out.commit();
            // The staging directory was made private; a bundle is meant to be read by others.
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot write the bundle " + dir + ": " + e.getMessage(), e);
        }
        Optional<ArchiveFormat> format = options.archive()
                .or(() -> options.srpm() || options.rpm() ? Optional.of(ArchiveFormat.TAR_GZ) : Optional.empty());
        Optional<Path> archive = format.map(f -> {
            Path a = dir.resolveSibling(base + "." + f.suffix());
            BundleArchive.write(dir, a, f, epoch);
            return a;
        });
        List<Path> packages = new ArrayList<>();
        if (options.srpm() || options.rpm()) {
            RpmBuild rpmbuild = new RpmBuild(executor);
            packages.addAll(rpmbuild.build(archive.orElseThrow(), options.workdir(), options.srpm(), options.rpm(),
                    epoch));
            options.signKey().ifPresent(key -> {
                try {
                    rpmbuild.sign(packages, key, options.gpgHome());
                } catch (MiniascapeException e) {
                    // Signed packages were asked for: unsigned ones under the final names would be shipped as if.
                    packages.forEach(p -> p.toFile().delete());
                    throw new MiniascapeException(e.exitCode(), e.getMessage() + "\nthe unsigned packages were "
                            + "removed (" + String.join(", ", packages.stream().map(Path::toString).toList())
                            + "); the bundle " + dir + " is complete", e);
                }
            });
        }
        return new Result(dir, archive, packages, notes);
    }

    /** Every image of every disk's chain, in disk order, each once; disks are pointed at their install path. */
    private Map<Path, Placed> collectImages(DomainDocument domain, List<String> notes) {
        Map<Path, Placed> images = new LinkedHashMap<>();
        Map<String, Path> byFile = new LinkedHashMap<>();
        for (DomainDocument.DiskRef disk : domain.disks()) {
            if (disk.device().equals("cdrom") || disk.device().equals("floppy")) {
                if (disk.source().isPresent()) {
                    notes.add("disk " + disk.target() + ": the " + disk.device() + " medium " + disk.source().get()
                            + " is not bundled; the drive is left empty");
                    disk.eject();
                }
                continue;
            }
            if (!disk.type().equals("file")) {
                throw MiniascapeException.badInput("disk " + disk.target() + " is of type '" + disk.type()
                        + "'" + disk.source().map(s -> " (" + s + ")").orElse("")
                        + ": only file-backed disks can be bundled");
            }
            Path top = Path.of(disk.source().orElseThrow(() -> MiniascapeException.badInput("disk " + disk.target()
                    + " has no source file")));
            List<ImageInfo> chain = reader.chain(top, disk.driverType());
            for (int i = 0; i < chain.size(); i++) {
                ImageInfo info = chain.get(i);
                Path real = real(info.path());
                if (images.containsKey(real)) {
                    continue; // a base shared by several disks is bundled once
                }
                String file = info.path().getFileName().toString();
                if (!NAME.matcher(file).matches()) {
                    // The name goes into the spec, the Makefile and backing-file headers unquoted.
                    throw MiniascapeException.badInput("image " + info.path() + ": its file name cannot be bundled "
                            + "(letters, digits, . _ + - only); rename it (and the overlays' backing names)");
                }
                Path other = byFile.putIfAbsent(file, real);
                if (other != null) {
                    throw MiniascapeException.badInput("two different images are both named " + file + " (" + other
                            + " and " + real + "); they would collide in " + IMAGES_DIR + ": rename one");
                }
                images.put(real, new Placed(info, file, i == 0));
            }
            disk.setFile(IMAGES_DIR + "/" + chain.get(0).path().getFileName());
            disk.setFormat(chain.get(0).format().key());
            disk.dropBackingStore();
        }
        if (images.isEmpty()) {
            notes.add("the domain has no file-backed disk: the bundle holds only its XML");
        }
        return images;
    }

    /** Gives a copied overlay the bare name of its backing file, and always a declared backing format. */
    private void relink(Path copy, Placed p, Map<Path, Placed> images) {
        if (!p.info().hasBacking()) {
            return;
        }
        Placed backing = images.get(real(p.info().backingPath().orElseThrow()));
        String format = p.info().backingFormat().orElse(backing.info().format().key());
        if (p.info().backingName().orElseThrow().equals(backing.file())
                && p.info().backingFormat().equals(Optional.of(format))) {
            return; // already relative and declared: the copy stays byte for byte the source
        }
        new QemuImg(executor).setBacking(copy, backing.file(), format);
    }

    private static Map<String, Object> variables(String name, Options options, Iterable<Placed> images, long epoch) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Placed p : images) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", p.file());
            m.put("format", p.info().format().key());
            m.put("virtual_size", p.info().virtualSize());
            m.put("writable", p.writable());
            m.put("backing", p.info().backingPath().map(b -> b.getFileName().toString()).orElse(""));
            m.put("backing_format", p.info().backingFormat().orElse(""));
            list.add(m);
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("name", name);
        vars.put("version", options.version());
        vars.put("packager", options.packager());
        vars.put("images", list);
        vars.put("archive_suffix", options.archive().orElse(ArchiveFormat.TAR_GZ).suffix());
        vars.put("changelog_date", DateTimeFormatter.ofPattern("EEE MMM dd yyyy", Locale.ROOT)
                .format(Instant.ofEpochSecond(epoch).atZone(ZoneOffset.UTC)));
        return vars;
    }

    /**
     * The bundle's one date (archive mtimes, changelog): the newest image's mtime, so it follows the input and
     * not the clock. Without images, a fixed date.
     */
    private static long newestMtime(Map<Path, Placed> images) {
        long newest = 946684800L; // 2000-01-01
        for (Placed p : images.values()) {
            try {
                FileTime t = Files.getLastModifiedTime(p.info().path());
                newest = Math.max(newest, t.toInstant().getEpochSecond());
            } catch (IOException e) {
                throw MiniascapeException.failed("cannot stat " + p.info().path() + ": " + e.getMessage(), e);
            }
        }
        return newest;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot resolve " + p + ": " + e.getMessage(), e);
        }
    }
}
