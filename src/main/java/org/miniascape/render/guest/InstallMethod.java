package org.miniascape.render.guest;

import java.util.List;
import java.util.Map;
import org.miniascape.model.Guest;
import org.miniascape.model.Install;
import org.miniascape.model.Site;

/**
 * One install method: what it needs of a guest, the files it writes into the guest's directory (from the
 * templates it names), and its virt-install arguments. Adding a method is one class here, its templates, and a
 * constant of {@link Install.Method} with the facts the rest of miniascape needs (installer or image, and
 * whether the disk boots as it is).
 */
public interface InstallMethod {

    /** The method of a guest. */
    static InstallMethod of(Install.Method method) {
        return switch (method) {
            case KICKSTART -> KickstartInstall.INSTANCE;
            case PRESEED -> PreseedInstall.INSTANCE;
            case CLOUD_INIT -> CloudInitInstall.INSTANCE;
            case IMPORT -> ImportInstall.INSTANCE;
            case NONE -> NoInstall.INSTANCE;
        };
    }

    /** Every method, for the templates the guest generator names up front. */
    List<InstallMethod> ALL = List.of(KickstartInstall.INSTANCE, PreseedInstall.INSTANCE, CloudInitInstall.INSTANCE,
            ImportInstall.INSTANCE, NoInstall.INSTANCE);

    /** What is missing from a guest for this method: a key of the guest and the message, each. */
    record Requirement(String key, String message) {
    }

    List<Requirement> requirements(Guest guest);

    /** The templates its files are rendered from. */
    List<String> templates();

    /** Writes its files through {@code files} (a path relative to the guest's directory, a template). */
    void write(Guest guest, Site site, InstallTrees trees, Map<String, Object> vars, GuestFiles files);

    /** Its virt-install arguments, one per line, already shell words. */
    List<String> virtInstallArgs(Guest guest);

    /** Where the install files go: renders a template with the guest's variables into its directory. */
    interface GuestFiles {
        void write(String relativePath, String template, Map<String, Object> vars, boolean executable);
    }
}
