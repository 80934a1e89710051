package org.miniascape.render.guest;

import java.util.List;
import java.util.Map;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;

/**
 * Debian and Ubuntu's d-i: {@code preseed.cfg} and {@code preseed-late.sh}, both injected into the installer's
 * initrd (the late command copies the script into the installed system).
 */
final class PreseedInstall implements InstallMethod {
    static final PreseedInstall INSTANCE = new PreseedInstall();
    private static final String PRESEED_CFG = "guest/preseed.cfg.j2";
    private static final String PRESEED_LATE = "guest/preseed-late.sh.j2";

    private PreseedInstall() {
    }

    @Override
    public List<Requirement> requirements(Guest guest) {
        return List.of(); // an install tree or ISO: required when the site is read (install.method)
    }

    @Override
    public List<String> templates() {
        return List.of(PRESEED_CFG, PRESEED_LATE);
    }

    @Override
    public void write(Guest guest, Site site, InstallTrees trees, Map<String, Object> vars, GuestFiles files) {
        vars.put("d", PreseedVariables.of(guest, site, trees));
        vars.put("late", LateScript.of(guest));
        files.write("preseed.cfg", PRESEED_CFG, vars, false);
        files.write("preseed-late.sh", PRESEED_LATE, vars, true);
    }

    @Override
    public List<String> virtInstallArgs(Guest guest) {
        return List.of("--location " + ShellWord.literal(VirtInstallArgs.treeOrIso(guest.install())),
                "--initrd-inject " + new ShellWord().var("here").lit("/preseed.cfg"),
                "--initrd-inject " + new ShellWord().var("here").lit("/preseed-late.sh"),
                "--extra-args " + ShellWord.literal(VirtInstallArgs.kernelArgs(guest,
                        "auto=true priority=critical preseed/file=/preseed.cfg")));
    }
}
