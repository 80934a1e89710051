package org.miniascape.render.guest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;

/** A cloud image booted with a NoCloud seed: {@code cloud-init/user-data}, {@code meta-data}, {@code network-config}. */
final class CloudInitInstall implements InstallMethod {
    static final CloudInitInstall INSTANCE = new CloudInitInstall();
    private static final List<String> FILES = List.of("user-data", "meta-data", "network-config");

    private CloudInitInstall() {
    }

    @Override
    public List<Requirement> requirements(Guest guest) {
        if (guest.disks().isEmpty()) {
            return List.of(new Requirement("disks", "install method cloud-init needs a disk (an overlay of the cloud"
                    + " image)"));
        }
        if (guest.install().image().isEmpty() && guest.disks().get(0).backing().isEmpty()) {
            return List.of(new Requirement("install.image", "install method cloud-init needs install.image (the"
                    + " cloud image volume the first disk is an overlay of) or disks[0].backing"));
        }
        return List.of();
    }

    @Override
    public List<String> templates() {
        List<String> out = new ArrayList<>();
        FILES.forEach(f -> out.add(template(f)));
        return out;
    }

    private static String template(String file) {
        return "guest/cloud-init/" + file + ".j2";
    }

    @Override
    public void write(Guest guest, Site site, InstallTrees trees, Map<String, Object> vars, GuestFiles files) {
        vars.put("ci", CloudInitVariables.of(guest, site));
        for (String file : FILES) {
            files.write("cloud-init/" + file, template(file), vars, false);
        }
    }

    @Override
    public List<String> virtInstallArgs(Guest guest) {
        return List.of("--import", "--cloud-init " + new ShellWord().lit("user-data=").var("here")
                .lit("/cloud-init/user-data,meta-data=").var("here")
                .lit("/cloud-init/meta-data,network-config=").var("here")
                .lit("/cloud-init/network-config"));
    }
}
