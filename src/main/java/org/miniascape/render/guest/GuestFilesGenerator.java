package org.miniascape.render.guest;

import java.util.LinkedHashMap;
import java.util.Map;
import org.miniascape.MiniascapeException;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;
import org.miniascape.model.TemplateFile;
import org.miniascape.render.Generator;
import org.miniascape.render.OutputTree;
import org.miniascape.render.Templates;
import org.miniascape.validate.Text;

/**
 * Per guest, under {@code guests/NAME/}: {@code domain.xml}, {@code volumes/VOLUME.xml} (one per disk, for
 * {@code virsh vol-create}), {@code vmbuild.sh}, {@code net_register.sh}, the install files of its method
 * ({@code ks.cfg}; {@code preseed.cfg} + {@code preseed-late.sh}; {@code cloud-init/user-data},
 * {@code meta-data}, {@code network-config}) and the extra files of its {@code templates:}.
 */
public final class GuestFilesGenerator implements Generator {

    @Override
    public void generate(Site site, Templates templates, OutputTree out) {
        InstallTrees trees = InstallTrees.of(site);
        for (Guest guest : site.guests()) {
            generate(guest, site, trees, templates, out);
        }
    }

    private static void generate(Guest guest, Site site, InstallTrees trees, Templates templates, OutputTree out) {
        String dir = "guests/" + guest.name() + "/";
        out.write(dir + "domain.xml", GuestVolumes.domainXml(guest, site));
        for (GuestVolumes.Volume v : GuestVolumes.of(guest, site)) {
            out.write(dir + "volumes/" + v.name() + ".xml", v.xml());
        }
        Map<String, Object> vars = base(guest, site);
        vars.put("vm", VmbuildVariables.of(guest, site));
        out.write(dir + "vmbuild.sh", templates.render("guest/vmbuild.sh.j2", vars), true);
        vars.put("net", NetRegistration.of(guest, site));
        out.write(dir + "net_register.sh", templates.render("guest/net_register.sh.j2", vars), true);
        switch (guest.install().method()) {
            case KICKSTART -> {
                vars.put("ks", KickstartVariables.of(guest, site, trees));
                out.write(dir + "ks.cfg", templates.render("guest/ks.cfg.j2", vars));
            }
            case PRESEED -> {
                vars.put("d", PreseedVariables.of(guest, site, trees));
                vars.put("late", LateScript.of(guest));
                out.write(dir + "preseed.cfg", templates.render("guest/preseed.cfg.j2", vars));
                out.write(dir + "preseed-late.sh", templates.render("guest/preseed-late.sh.j2", vars), true);
            }
            case CLOUD_INIT -> {
                vars.put("ci", CloudInitVariables.of(guest, site));
                out.write(dir + "cloud-init/user-data", templates.render("guest/cloud-init/user-data.j2", vars));
                out.write(dir + "cloud-init/meta-data", templates.render("guest/cloud-init/meta-data.j2", vars));
                out.write(dir + "cloud-init/network-config",
                        templates.render("guest/cloud-init/network-config.j2", vars));
            }
            case IMPORT, NONE -> {
            }
        }
        for (TemplateFile extra : guest.templates()) {
            if (extra.dst().startsWith("/") || extra.dst().contains("..") || extra.dst().isEmpty()) {
                throw MiniascapeException.badInput(guest.origin().of("templates") + ": guest " + guest.name()
                        + ": templates." + extra.key() + ".dst: '" + extra.dst()
                        + "' must be a relative path inside the guest's output directory");
            }
            if (!templates.exists(extra.src())) {
                throw MiniascapeException.badInput(guest.origin().of("templates") + ": guest " + guest.name()
                        + ": templates." + extra.key() + ".src: template '" + extra.src() + "' not found (give its"
                        + " directory with -t DIR)");
            }
            out.write(dir + extra.dst(), templates.render(extra.src(), vars));
        }
    }

    /**
     * What every guest template sees: {@code site} (name, domain), {@code guest} (name, fqdn, the description
     * as comment-safe lines) and {@code settings} (the guest's merged configuration as plain maps; for the
     * user's own templates).
     */
    static Map<String, Object> base(Guest guest, Site site) {
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", site.name());
        s.put("domain", site.domain() == null ? "" : site.domain());
        vars.put("site", s);
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("name", guest.name());
        g.put("fqdn", GuestFacts.fqdn(guest, site));
        g.put("domain", GuestFacts.domain(guest, site));
        g.put("description_lines", Text.lines(guest.description()));
        g.put("install_method", guest.install().method().key());
        g.put("serial_console", guest.serialConsole());
        vars.put("guest", g);
        vars.put("settings", guest.settings());
        return vars;
    }
}
