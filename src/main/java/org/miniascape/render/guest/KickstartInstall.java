package org.miniascape.render.guest;

import java.util.List;
import java.util.Map;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;

/**
 * Anaconda (RHEL, CentOS Stream, Alma, Rocky, Fedora): {@code ks.cfg}, injected into the installer's initrd, in
 * the kickstart syntax of the guest's release ({@link KickstartRelease}), and the boot option that names it
 * ({@code inst.ks=}, {@code ks=} before RHEL 7 and Fedora 19).
 */
final class KickstartInstall implements InstallMethod {
    static final KickstartInstall INSTANCE = new KickstartInstall();
    private static final String KS_CFG = "guest/ks.cfg.j2";

    private KickstartInstall() {
    }

    @Override
    public List<Requirement> requirements(Guest guest) {
        return List.of(); // an install tree or ISO: required when the site is read (install.method)
    }

    @Override
    public List<String> templates() {
        return List.of(KS_CFG);
    }

    @Override
    public void write(Guest guest, Site site, InstallTrees trees, Map<String, Object> vars, GuestFiles files) {
        vars.put("ks", KickstartVariables.of(guest, site, trees));
        files.write("ks.cfg", KS_CFG, vars, false);
    }

    @Override
    public List<String> virtInstallArgs(Guest guest) {
        return List.of("--location " + ShellWord.literal(VirtInstallArgs.treeOrIso(guest.install())),
                "--initrd-inject " + new ShellWord().var("here").lit("/ks.cfg"),
                "--extra-args " + ShellWord.literal(VirtInstallArgs.kernelArgs(guest,
                        KickstartRelease.of(guest.hardware().osVariant()).kernelArg("file:/ks.cfg"))));
    }
}
