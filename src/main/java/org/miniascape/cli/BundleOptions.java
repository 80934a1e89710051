package org.miniascape.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.miniascape.pack.ArchiveFormat;
import org.miniascape.pack.Bundler;
import picocli.CommandLine.Option;

/** The options repack and pack share: where the bundle goes, its version, archive, RPMs and signing. */
public final class BundleOptions {
    @Option(names = {"-w", "--workdir"}, paramLabel = "WORKDIR", defaultValue = ".",
            description = "Where the bundle directory, archive and RPMs go (default: .).")
    Path workdir;

    @Option(names = "--version", paramLabel = "V", defaultValue = "0.1", description = "Bundle version (default: 0.1).")
    String version;

    @Option(names = "--archive", paramLabel = "tar.xz|tar.gz", description = "Also write vm-NAME-VERSION.tar.xz or .tar.gz.")
    String archive;

    @Option(names = "--srpm", description = "Also build the source RPM (implies an archive, tar.gz by default).")
    boolean srpm;

    @Option(names = "--rpm", description = "Also build the binary RPM (implies an archive, tar.gz by default).")
    boolean rpm;

    @Option(names = "--sign", paramLabel = "KEYID",
            description = "Sign the RPMs with this GnuPG key (rpmsign; rpmlint counts an unsigned RPM as an error).")
    String signKey;

    @Option(names = "--gpg-home", paramLabel = "DIR", description = "GnuPG home holding the --sign key.")
    Path gpgHome;

    @Option(names = "--packager", paramLabel = "TEXT", defaultValue = Bundler.DEFAULT_PACKAGER,
            description = "The RPM Packager tag (default: ${DEFAULT-VALUE}).")
    String packager;

    @Option(names = "--force",
            description = "Replace WORKDIR/vm-NAME-VERSION even when it is not a miniascape output (no "
                    + ".miniascape-output in it), removing what it holds; without it, such a directory is refused "
                    + "(exit 2). A file or symbolic link there is always refused.")
    boolean force;

    Bundler.Options toOptions() {
        return new Bundler.Options(workdir, version, Optional.ofNullable(archive).map(ArchiveFormat::fromSuffix),
                srpm, rpm, Optional.ofNullable(signKey), Optional.ofNullable(gpgHome), packager, force);
    }
}
