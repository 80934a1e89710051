package org.miniascape.pack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.miniascape.MiniascapeException;
import org.miniascape.exec.Executor;
import org.miniascape.image.QemuImg;
import org.miniascape.image.VmdkDescriptor;
import org.miniascape.image.VmxFile;
import org.miniascape.render.OutputTree;

/**
 * convert: a VMware .vmx with its VMDKs into {@code WORKDIR/NAME/}: one qcow2 per VMDK (qemu-img convert) and
 * NAME.xml pointing at them. Every VMDK's extents are checked first, so a missing -flat or -s001 file is named
 * before any conversion starts.
 */
public final class Convert {
    /** {@code converted}: one line per image, "QCOW2 (from VMDK, createType)". */
    public record Result(Path directory, Path xml, List<Path> images, List<String> converted, List<String> notes) {
    }

    private final Executor executor;

    public Convert(Executor executor) {
        this.executor = executor;
    }

    /**
     * The output directory is replaced whole, its old content deleted: it must not be where the VMware VM lives
     * (one directory per VM, named like it, is VMware's own layout).
     */
    private static void refuseInputInside(Path dir, List<Path> inputs) {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try {
            Path real = dir.toRealPath();
            for (Path input : inputs) {
                if (java.nio.file.Files.exists(input) && input.toRealPath().startsWith(real)) {
                    throw MiniascapeException.badInput("the output directory " + dir + " holds the input ("
                            + input + ") and would be replaced with it; choose another -w WORKDIR");
                }
            }
        } catch (java.io.IOException e) {
            throw MiniascapeException.failed("cannot resolve " + dir + ": " + e.getMessage(), e);
        }
    }

    public Result run(Path vmxFile, Path workdir) {
        return run(vmxFile, workdir, false);
    }

    /**
     * {@code force}: replace {@code WORKDIR/NAME} even when it is not a miniascape output (see
     * {@link OutputTree#check}); what it held is listed in the notes.
     */
    public Result run(Path vmxFile, Path workdir, boolean force) {
        VmxFile vmx = VmxFile.read(vmxFile);
        VmxMapper mapper = new VmxMapper();
        VmxGuest guest = mapper.map(vmx);
        List<String> notes = new ArrayList<>(mapper.notes());
        List<String> problems = new ArrayList<>();
        List<VmdkDescriptor> descriptors = new ArrayList<>();
        for (VmxGuest.Disk d : guest.disks()) {
            if (d.vmdk().isEmpty()) {
                descriptors.add(null);
                continue;
            }
            try {
                VmdkDescriptor vd = VmdkDescriptor.read(d.vmdk().get());
                for (Path missing : vd.missingExtents()) {
                    problems.add(d.vmxKey() + ": " + vd.path() + " (" + vd.createType() + ") needs the extent "
                            + missing + ", which is missing");
                }
                descriptors.add(vd);
            } catch (MiniascapeException e) {
                problems.add(d.vmxKey() + ": " + e.getMessage());
                descriptors.add(null);
            }
        }
        if (!problems.isEmpty()) {
            throw MiniascapeException.failed("cannot convert " + vmxFile + ":\n  " + String.join("\n  ", problems));
        }
        Path dir = workdir.toAbsolutePath().normalize().resolve(guest.name());
        List<Path> inputs = new ArrayList<>(List.of(vmxFile));
        descriptors.stream().filter(java.util.Objects::nonNull).forEach(vd -> {
            inputs.add(vd.path());
            inputs.addAll(vd.extents());
        });
        refuseInputInside(dir, inputs);
        OutputTree.check(dir, force); // before anything is converted
        QemuImg qemuImg = new QemuImg(executor);
        List<VmxGuest.Disk> disks = new ArrayList<>();
        List<Path> images = new ArrayList<>();
        List<String> converted = new ArrayList<>();
        Set<String> names = new HashSet<>();
        try (OutputTree out = new OutputTree(dir, force)) {
            notes.addAll(out.forced());
            for (int i = 0; i < guest.disks().size(); i++) {
                VmxGuest.Disk d = guest.disks().get(i);
                if (d.vmdk().isEmpty()) {
                    disks.add(d);
                    continue;
                }
                String base = d.vmdk().get().getFileName().toString().replaceAll("(?i)\\.vmdk$", "");
                String file = names.add(base) ? base + ".qcow2" : base + "-" + d.target() + ".qcow2";
                names.add(file);
                Path staged = out.reserve(file);
                qemuImg.convert(d.vmdk().get(), Optional.of("vmdk"), staged, "qcow2", List.of("compat=1.1"));
                converted.add(dir.resolve(file) + " (from " + d.vmdk().get() + ", "
                        + descriptors.get(i).createType() + ")");
                disks.add(d.withImage(dir.resolve(file)));
                images.add(dir.resolve(file));
            }
            out.write(guest.name() + ".xml", VmxDomainXml.render(guest.withDisks(disks)));
            out.commit();
        }
        try {
            // The staging directory was made private; the converted guest is for libvirt (and others) to read.
            java.nio.file.Files.setPosixFilePermissions(dir,
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (java.io.IOException e) {
            throw MiniascapeException.failed("cannot set the mode of " + dir + ": " + e.getMessage(), e);
        }
        return new Result(dir, dir.resolve(guest.name() + ".xml"), images, converted, notes);
    }
}
