package org.miniascape.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.miniascape.exec.Executor;
import org.miniascape.pack.Convert;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** miniascape convert: a VMware guest (.vmx + VMDKs) into qcow2 images and a libvirt domain XML. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert a VMware .vmx and its VMDKs into WORKDIR/NAME/: NAME.xml (a libvirt domain) and one "
                + "qcow2 per VMDK.",
            "Prints what could not be mapped. NAME/ is replaced whole; it holds the file .miniascape-output, and an "
                + "existing NAME/ that is not empty and lacks it is refused (exit 2) unless --force."})
public final class ConvertCommand implements Callable<Integer> {

    @Parameters(paramLabel = "VMX", description = "The VMware .vmx file.")
    Path vmx;

    @Option(names = {"-w", "--workdir"}, paramLabel = "WORKDIR", defaultValue = ".",
            description = "Where the NAME/ directory is written (default: .).")
    Path workdir;

    @Option(names = "--force",
            description = "Replace WORKDIR/NAME even when it is not a miniascape output, removing what it holds.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Convert.Result r = new Convert(new Executor()).run(vmx, workdir, force);
        out.println("domain XML: " + r.xml());
        for (String line : r.converted()) {
            out.println("image: " + line);
        }
        for (String note : r.notes()) {
            err.println("miniascape: note: " + note);
        }
        return ExitCode.OK;
    }
}
