package org.miniascape.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.miniascape.MiniascapeException;
import org.miniascape.exec.Executor;
import org.miniascape.image.Progress;
import org.miniascape.image.QemuImg;
import org.miniascape.pack.Bundler;
import org.miniascape.pack.Pack;
import org.miniascape.render.Templates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** miniascape pack: a guest of the site, from an installed image, into a bundle as repack makes. */
@Command(name = "pack",
        description = {"Pack a guest of the site from an installed image into a bundle, as repack does.",
            "The bundle holds NAME-base.qcow2 (the image, converted), the delta NAME.qcow2 on it and the site's domain "
                + "XML pointing at the delta (WORKDIR/vm-NAME-VERSION/ is replaced only when it is empty or a "
                + "miniascape output, or with --force)."})
public final class PackCommand implements Callable<Integer> {

    @Mixin
    SiteOptions site;

    @Parameters(paramLabel = "GUEST", description = "The guest's name in the site.")
    String guest;

    @Option(names = "--image", paramLabel = "FILE",
            description = "The installed disk image (qcow2 or raw; a backing chain is flattened into the base).")
    Path image;

    @Mixin
    BundleOptions bundle;

    // Not mixinStandardHelpOptions: its --version would clash with the bundle's --version V.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (image == null) {
            // Installing the OS needs a hypervisor that can run the installer (and its media): not something
            // pack does behind the user's back.
            throw MiniascapeException.badInput("pack needs --image FILE (an installed disk image); to make one, run "
                    + "'miniascape build' and the guest's vmbuild.sh on a KVM host, then pack the installed volume");
        }
        Executor executor = new Executor();
        Bundler bundler = new Bundler(executor, Templates.embedded(),
                Progress.forConsole(spec.commandLine().getErr()));
        Bundler.Result result = new Pack(new QemuImg(executor), bundler).run(site.load(), guest, image,
                bundle.toOptions());
        BundleReport.print(result, spec.commandLine().getOut(), spec.commandLine().getErr());
        return ExitCode.OK;
    }
}
