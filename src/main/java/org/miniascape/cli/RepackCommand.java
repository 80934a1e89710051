package org.miniascape.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.miniascape.exec.Executor;
import org.miniascape.image.Progress;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.pack.Bundler;
import org.miniascape.pack.DomainSource;
import org.miniascape.pack.LibvirtDomainSource;
import org.miniascape.pack.Repack;
import org.miniascape.pack.XmlFileDomainSource;
import org.miniascape.render.Templates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** miniascape repack: a defined guest (by name from libvirt, or a saved domain XML) into a portable bundle. */
@Command(name = "repack",
        description = {"Pack a defined guest and every image of its backing chains into a bundle, optionally "
                + "archived and built as RPMs.",
            "The bundle, WORKDIR/vm-NAME-VERSION/, holds the domain XML, the images, a README, a Makefile, an RPM spec "
                + "and SHA256SUMS. A running guest is refused (exit 3).",
            "vm-NAME-VERSION/ is replaced whole; it holds the file .miniascape-output, and an existing one that is "
                + "not empty and lacks it is refused (exit 2) unless --force.",
            "A domain name is read from libvirt; a domain XML file without it, unless -c or $LIBVIRT_DEFAULT_URI "
                + "names a URI: then whether the guest runs is asked there."})
public final class RepackCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DOMAIN|DOMAIN.xml", description = "A domain name, or a domain XML file.")
    String domain;

    @Mixin
    ConnectOption connection;

    @Mixin
    BundleOptions bundle;

    // Not mixinStandardHelpOptions: its --version would clash with the bundle's --version V.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean isFile = domain.endsWith(".xml") || Files.isRegularFile(Path.of(domain));
        String uri = uri(isFile, connection).orElse(null);
        Executor executor = new Executor();
        Bundler bundler = new Bundler(executor, Templates.embedded(), Progress.forConsole(err));
        Bundler.Options options = bundle.toOptions();
        Bundler.Result result;
        if (uri == null) {
            result = new Repack(new XmlFileDomainSource(Optional.empty()), bundler).run(domain, options);
        } else {
            try (Hypervisor h = Hypervisor.open(uri)) {
                LibvirtDomainSource libvirt = new LibvirtDomainSource(h);
                DomainSource source = isFile ? new XmlFileDomainSource(Optional.of(libvirt)) : libvirt;
                result = new Repack(source, bundler).run(domain, options);
            }
        }
        BundleReport.print(result, out, err);
        return ExitCode.OK;
    }

    /**
     * Where the guest is read from: a domain name from the -c URI (as every command resolves it); an XML file needs
     * no libvirt, and is checked there only when -c or $LIBVIRT_DEFAULT_URI names one.
     */
    static Optional<String> uri(boolean isFile, ConnectOption connection) {
        return isFile ? connection.chosen() : Optional.of(connection.uri());
    }
}
