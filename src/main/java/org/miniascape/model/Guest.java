package org.miniascape.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A guest with its settings merged from {@code common} &lt; groups &lt; the guest itself. {@code group} is the
 * innermost group's name, empty for a top-level guest. {@code rootPasswordHash} is always a crypt(3) hash,
 * never plaintext. {@code settings} is the merged configuration as plain maps, lists and scalars, for templates
 * (with {@code root_password} replaced by the hash). {@code timezone}, {@code keyboard} and {@code lang} are
 * empty where the site sets none: cloud-init then leaves the image's own settings alone, while kickstart and
 * preseed, which need a value, write the defaults below.
 */
public record Guest(
        String name,
        Optional<String> group,
        String description,
        int vcpus,
        int memoryMib,
        String arch,
        Optional<String> machine,
        String osVariant,
        VirtType virtType,
        List<Disk> disks,
        List<Nic> nics,
        Install install,
        Optional<String> timezone,
        Optional<String> keyboard,
        Optional<String> lang,
        Optional<String> rootPasswordHash,
        List<String> sshAuthorizedKeys,
        List<String> packages,
        List<String> servicesEnabled,
        List<String> servicesDisabled,
        boolean serialConsole,
        boolean fencing,
        Optional<String> postScript,
        List<TemplateFile> templates,
        Map<String, Object> settings,
        Origin origin) {

    /** The timezone, console keymap and locale of an install that needs one when the site sets none. */
    public static final String DEFAULT_TIMEZONE = "UTC";
    public static final String DEFAULT_KEYBOARD = "us";
    public static final String DEFAULT_LANG = "en_US.UTF-8";

    public enum VirtType {
        KVM, QEMU;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Guest withNics(List<Nic> resolved) {
        return new Guest(name, group, description, vcpus, memoryMib, arch, machine, osVariant, virtType, disks,
                resolved, install, timezone, keyboard, lang, rootPasswordHash, sshAuthorizedKeys, packages,
                servicesEnabled, servicesDisabled, serialConsole, fencing, postScript, templates, settings, origin);
    }
}
