package org.miniascape.render.guest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.miniascape.model.Disk;
import org.miniascape.model.Guest;
import org.miniascape.model.Install;
import org.miniascape.model.Site;
import org.miniascape.render.Shell;

/** The values of vmbuild.sh, every one a quoted shell word (or a line of them). */
final class VmbuildVariables {
    private VmbuildVariables() {
    }

    static Map<String, Object> of(Guest guest, Site site) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("virt_type", Shell.quote(guest.hardware().virtType().key()));
        v.put("arch", Shell.quote(guest.hardware().arch()));
        v.put("machine", guest.hardware().machine().map(Shell::quote).orElse(""));
        v.put("machine_doc", guest.hardware().machine().map(Shell::quote).orElse("virt-install's choice"));
        v.put("osinfo", Shell.quote(guest.hardware().osVariant()));
        List<Object> volumes = new ArrayList<>();
        boolean importing = guest.install().method() == Install.Method.IMPORT;
        List<Disk> disks = guest.disks();
        for (int i = 0; i < disks.size(); i++) {
            Disk d = disks.get(i);
            Map<String, Object> vol = new LinkedHashMap<>();
            vol.put("pool", Shell.quote(d.pool()));
            vol.put("name", Shell.quote(d.volume()));
            vol.put("xml", new ShellWord().var("here").lit("/volumes/" + d.volume() + ".xml").toString());
            vol.put("size", Long.toString(d.sizeGib()));
            vol.put("format", Shell.quote(d.format()));
            vol.put("backing", d.backing().map(b -> Shell.quote(b.path())).orElse("''"));
            // An imported guest boots its first disk as it is: it must exist (or be an overlay of an image).
            vol.put("must_exist", importing && i == 0 && d.backing().isEmpty() ? "yes" : "no");
            vol.put("options", Shell.quote(",bus=" + d.bus() + ",cache=" + d.cache()
                    + (d.shareable() ? ",shareable=on" : "") + (d.readOnly() ? ",readonly=on" : "")));
            volumes.add(vol);
        }
        v.put("volumes", volumes);
        v.put("args", VirtInstallArgs.of(guest, site.topology()));
        // The guest's own host on a multi-host site; else libvirt's usual system URI.
        v.put("connect", Shell.quote(site.topology().hostOf(guest.name()).flatMap(site.topology()::host)
                .map(org.miniascape.model.Host::uri).orElse("qemu:///system")));
        v.put("cloud_init", guest.install().method() == Install.Method.CLOUD_INIT || guest.install().seed());
        // $here (the script's directory) is needed for volume XML files and install files only.
        v.put("uses_here", !disks.isEmpty() || !InstallMethod.of(guest.install().method()).templates().isEmpty());
        return v;
    }
}
