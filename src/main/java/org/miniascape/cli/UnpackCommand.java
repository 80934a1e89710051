package org.miniascape.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.miniascape.image.Progress;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.pack.Unpack;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** miniascape unpack: a bundle (directory or archive) onto this host — the inverse of repack, without rpm. */
@Command(name = "unpack", mixinStandardHelpOptions = true,
        description = {"Verify a bundle against its SHA256SUMS, place its images, and write its domain XML pointing "
                + "at them.",
            "The images go into a directory or a storage pool. The guest is defined on the -c URI, else on "
                + "$LIBVIRT_DEFAULT_URI; with neither, the 'virsh define' line to run is printed.",
            "It only adds files: an existing file is never overwritten (exit 3), the directories may hold others; a "
                + "DIR that is not a directory is refused (exit 2)."})
public final class UnpackCommand implements Callable<Integer> {

    @Parameters(paramLabel = "BUNDLE", description = "A bundle directory, or its .tar.gz / .tar.xz.")
    Path bundle;

    static final class Place {
        @Option(names = "--images-dir", paramLabel = "DIR",
                description = "Where the images go (default: /var/lib/libvirt/images).")
        Path imagesDir;

        @Option(names = "--pool", paramLabel = "POOL",
                description = "Put the images in this dir pool (needs -c or $LIBVIRT_DEFAULT_URI).")
        String pool;
    }

    @ArgGroup(exclusive = true)
    Place place = new Place();

    @Mixin
    ConnectOption connection;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", defaultValue = ".",
            description = "Where the domain XML is written (default: .).")
    Path workdir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Unpack unpack = new Unpack(Progress.forConsole(spec.commandLine().getErr()));
        Unpack.Result r;
        Optional<String> uri = uri(connection);
        if (uri.isEmpty()) {
            if (place.pool != null) {
                throw org.miniascape.MiniascapeException.badInput("--pool needs a libvirt URI: -c URI, or "
                        + "$LIBVIRT_DEFAULT_URI");
            }
            r = unpack.run(bundle, imagesDir(), workdir, Optional.empty());
        } else {
            try (Hypervisor h = Hypervisor.open(uri.get())) {
                Path dir = place.pool != null ? Unpack.poolDirectory(h, place.pool) : imagesDir();
                r = unpack.run(bundle, dir, workdir, Optional.of(h));
                if (place.pool != null) {
                    h.volumes(place.pool); // a refresh, so the pool lists the new volumes
                }
            }
        }
        for (Path p : r.images()) {
            out.println("image: " + p);
        }
        out.println("domain XML: " + r.xml());
        if (r.defined()) {
            out.println("defined: " + r.domain() + " on " + uri.get());
        } else {
            out.println("not defined (no -c URI or $LIBVIRT_DEFAULT_URI); define it with: virsh define " + r.xml());
        }
        return ExitCode.OK;
    }

    /**
     * Where the guest is defined: the -c URI, else $LIBVIRT_DEFAULT_URI; with neither, nowhere (unpacking needs no
     * libvirt, and a bundle is not defined on the system libvirt unasked).
     */
    static Optional<String> uri(ConnectOption connection) {
        return connection.chosen();
    }

    private Path imagesDir() {
        return place.imagesDir != null ? place.imagesDir : Path.of(org.miniascape.pack.Bundler.IMAGES_DIR);
    }
}
