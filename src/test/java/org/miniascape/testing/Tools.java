package org.miniascape.testing;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;

/** Runs the real validators (virt-xml-validate, dnsmasq --test, nft -c, shellcheck ...) on generated files. */
public final class Tools {
    private static final Executor EXECUTOR = new Executor();

    private Tools() {
    }

    /** Runs a command and fails the test, showing its output, unless it exits 0. */
    public static ExecResult assertSucceeds(String... argv) {
        ExecResult r = EXECUTOR.run(Command.of(argv));
        if (!r.ok()) {
            fail(String.join(" ", argv) + " exited " + r.exitCode() + "\nstdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr());
        }
        return r;
    }

    public static void virtXmlValidate(Path file, String schema) {
        assertSucceeds("virt-xml-validate", file.toString(), schema);
    }
}
