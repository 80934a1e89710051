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
        description = "Pack a defined guest and every image of its backing chains into WORKDIR/vm-NAME-VERSION/ "
                + "(domain XML, images, README, Makefile, RPM spec, SHA256SUMS), optionally archived and built as "
                + "RPMs. A running guest is refused (exit 3). vm-NAME-VERSION/ is replaced whole; it holds the file "
                + ".miniascape-output, and an existing one that is not empty and lacks it is refused (exit 2) "
                + "unless --force.")
public final class RepackCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DOMAIN|DOMAIN.xml", description = "A domain name, or a domain XML file.")
    String domain;

    @Option(names = "--connect", paramLabel = "URI",
            description = "libvirt URI (default for a domain name: qemu:///system; for an XML file: none — then "
                    + "whether the guest runs is asked there)")
    String connect;

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
        String uri = connect != null ? connect : isFile ? null : "qemu:///system";
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
}
