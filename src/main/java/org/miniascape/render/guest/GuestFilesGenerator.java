package org.miniascape.render.guest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.miniascape.MiniascapeException;
import org.miniascape.model.Guest;
import org.miniascape.model.SetupFile;
import org.miniascape.model.Site;
import org.miniascape.model.TemplateFile;
import org.miniascape.render.Generator;
import org.miniascape.render.OutputTree;
import org.miniascape.render.Templates;
import org.miniascape.resolve.GuestVolumes;
import org.miniascape.validate.Text;

/**
 * Per guest, under {@code guests/NAME/}: {@code domain.xml}, {@code volumes/VOLUME.xml} (one per disk, for
 * {@code virsh vol-create}), {@code vmbuild.sh}, {@code net_register.sh}, the install files of its method
 * ({@code ks.cfg}; {@code preseed.cfg} + {@code preseed-late.sh}; {@code cloud-init/user-data},
 * {@code meta-data}, {@code network-config}), the extra files of its {@code templates:} and, in {@code setup/},
 * the files of its {@code setup_data} (which the install files also carry into the guest: {@link SetupData}).
 */
public final class GuestFilesGenerator implements Generator {
    /**
     * From this many guests on, guests are rendered on several threads. Below it one thread does: a second
     * template engine costs about 0.1 s of CPU to start in a fresh JVM, what 200 guests take to render.
     */
    static final int PARALLEL_FROM = 200;

    private final int threads;
    private static final String VMBUILD = "guest/vmbuild.sh.j2";
    private static final String NET_REGISTER = "guest/net_register.sh.j2";

    /** As many rendering threads as processors (for sites of {@value #PARALLEL_FROM} guests or more). */
    public GuestFilesGenerator() {
        this(Runtime.getRuntime().availableProcessors());
    }

    GuestFilesGenerator(int threads) {
        this.threads = Math.max(1, threads);
    }

    @Override
    public List<String> templateNames() {
        List<String> names = new ArrayList<>(List.of(VMBUILD, NET_REGISTER));
        InstallMethod.ALL.forEach(m -> names.addAll(m.templates()));
        return names;
    }

    @Override
    public void generate(Site site, Templates templates, OutputTree out) {
        InstallTrees trees = InstallTrees.of(site);
        List<Guest> guests = site.guests();
        int workers = guests.size() < PARALLEL_FROM ? 1 : Math.min(threads, guests.size());
        if (workers == 1) {
            for (Guest guest : guests) {
                generate(guest, site, trees, templates, out);
            }
            return;
        }
        new ParallelRender(guests, (guest, t) -> generate(guest, site, trees, t, out)).run(templates, workers);
    }

    private static void generate(Guest guest, Site site, InstallTrees trees, Templates templates, OutputTree out) {
        String dir = "guests/" + guest.name() + "/";
        out.write(dir + "domain.xml", GuestVolumes.domainXml(guest, site));
        for (GuestVolumes.Volume v : GuestVolumes.of(guest, site)) {
            out.write(dir + "volumes/" + v.name() + ".xml", v.xml());
        }
        Map<String, Object> vars = variables(guest, site);
        List<SetupData.File> setup = setup(guest, templates, vars, dir);
        for (SetupData.File f : setup) {
            out.write(dir + SetupFile.OUTPUT_DIR + "/" + f.dst(), f.content(), f.executable());
        }
        out.write(dir + "vmbuild.sh", render(templates, VMBUILD, vars, dir + "vmbuild.sh"), true);
        String netRegister = dir + "net_register.sh";
        out.write(netRegister, render(templates, NET_REGISTER, vars, netRegister), true);
        InstallMethod.of(guest.install().method()).write(guest, site, trees, vars, (path, template, v, executable) ->
                out.write(dir + path, render(templates, template, v, dir + path), executable));
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
            out.write(dir + extra.dst(), render(templates, extra.src(), vars, dir + extra.dst()));
        }
    }

    /**
     * The files of a guest's install method (relative path → text), rendered as {@code build} renders them into
     * {@code guests/NAME/}: what {@code up} packs into a cloud-init guest's NoCloud seed.
     */
    public static Map<String, String> installFiles(Guest guest, Site site, Templates templates) {
        Map<String, Object> vars = variables(guest, site);
        setup(guest, templates, vars, "guests/" + guest.name() + "/");
        Map<String, String> out = new LinkedHashMap<>();
        InstallMethod.of(guest.install().method()).write(guest, site, InstallTrees.of(site), vars,
                (path, template, v, executable) -> out.put(path, render(templates, template, v,
                        "guests/" + guest.name() + "/" + path)));
        return out;
    }

    /**
     * Writes what a guest's installer needs into {@code dir} (which exists and is empty): vmbuild.sh, its volumes'
     * XML and the install files of its method, as {@code build} writes them into {@code guests/NAME/}.
     */
    public static void writeInstaller(Guest guest, Site site, Templates templates, java.nio.file.Path dir) {
        Map<String, Object> vars = variables(guest, site);
        Map<String, String> files = new LinkedHashMap<>();
        java.util.Set<String> executable = new java.util.HashSet<>();
        String prefix = "guests/" + guest.name() + "/";
        setup(guest, templates, vars, prefix);
        files.put("vmbuild.sh", render(templates, VMBUILD, vars, prefix + "vmbuild.sh"));
        executable.add("vmbuild.sh");
        for (GuestVolumes.Volume v : GuestVolumes.of(guest, site)) {
            files.put("volumes/" + v.name() + ".xml", v.xml());
        }
        InstallMethod.of(guest.install().method()).write(guest, site, InstallTrees.of(site), vars,
                (path, template, v, exec) -> {
                    files.put(path, render(templates, template, v, prefix + path));
                    if (exec) {
                        executable.add(path);
                    }
                });
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                java.nio.file.Path p = dir.resolve(f.getKey());
                java.nio.file.Files.createDirectories(p.getParent());
                java.nio.file.Files.writeString(p, f.getValue(), java.nio.charset.StandardCharsets.UTF_8);
                if (executable.contains(f.getKey())) {
                    p.toFile().setExecutable(true, true);
                }
            }
        } catch (java.io.IOException e) {
            throw MiniascapeException.failed("cannot write the installer of guest " + guest.name() + " into " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Renders the guest's setup_data with its template variables (before the install files, which carry them)
     * and gives the install templates their {@code setup}.
     */
    private static List<SetupData.File> setup(Guest guest, Templates templates, Map<String, Object> vars,
            String dir) {
        List<SetupData.File> files = SetupData.render(guest, templates, vars, dir,
                (src, v, path) -> render(templates, src, v, path));
        vars.put("setup", SetupData.variables(files));
        return files;
    }

    /**
     * Renders one file; a template error also names the file it was rendering, so the guest whose values broke
     * a template shared by all is known.
     */
    private static String render(Templates templates, String template, Map<String, Object> vars, String path) {
        try {
            return templates.render(template, vars);
        } catch (MiniascapeException e) {
            throw new MiniascapeException(e.exitCode(), e.getMessage() + "\n  while rendering " + path, e);
        }
    }

    /** A guest's template variables: {@link #base}, with {@code vm} (vmbuild.sh's) and {@code net} (net_register.sh's). */
    private static Map<String, Object> variables(Guest guest, Site site) {
        Map<String, Object> vars = base(guest, site);
        vars.put("vm", VmbuildVariables.of(guest, site));
        vars.put("net", NetRegistration.of(guest, site));
        return vars;
    }

    /**
     * What every guest template sees: {@code site} (name, domain), {@code guest} (name, fqdn, the description
     * as comment-safe lines), {@code settings} (the guest's merged configuration as plain maps; for the
     * user's own templates) and {@code vars} (the user's own values).
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
        g.put("serial_console", guest.hardware().serialConsole());
        vars.put("guest", g);
        vars.put("settings", guest.settings());
        // The user's own values: the site's vars < common's < each group's < the guest's, merged key by key.
        vars.put("vars", guest.settings().get("vars") instanceof Map<?, ?> m ? m : Map.of());
        return vars;
    }
}
