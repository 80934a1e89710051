package org.miniascape.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A guest with its settings merged from {@code common} &lt; groups &lt; the guest itself. {@code group} is the
 * innermost group's name, empty for a top-level guest. {@code settings} is the merged configuration as plain
 * maps, lists and scalars, for templates (with {@code root_password} replaced by the hash).
 */
public record Guest(
        String name,
        Optional<String> group,
        String description,
        Hardware hardware,
        Localization localization,
        Access access,
        Software software,
        List<Disk> disks,
        List<Nic> nics,
        Install install,
        List<TemplateFile> templates,
        Map<String, Object> settings,
        Origin origin,
        List<SetupFile> setupData) {

    /** A guest without {@code setup_data}. */
    public Guest(String name, Optional<String> group, String description, Hardware hardware,
            Localization localization, Access access, Software software, List<Disk> disks, List<Nic> nics,
            Install install, List<TemplateFile> templates, Map<String, Object> settings, Origin origin) {
        this(name, group, description, hardware, localization, access, software, disks, nics, install, templates,
                settings, origin, List.of());
    }

    public enum VirtType {
        KVM, QEMU;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Guest withDisks(List<Disk> resolved) {
        return new Guest(name, group, description, hardware, localization, access, software, resolved, nics,
                install, templates, settings, origin, setupData);
    }
}
