package org.miniascape.model.declared;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miniascape.model.Access;
import org.miniascape.model.Hardware;
import org.miniascape.model.Install;
import org.miniascape.model.Localization;
import org.miniascape.model.Origin;
import org.miniascape.model.SetupFile;
import org.miniascape.model.Software;
import org.miniascape.model.TemplateFile;

/**
 * A guest as declared, its settings merged from {@code common} &lt; groups &lt; the guest itself: its disks and
 * interfaces as the configuration gives them. The other components are as in the resolved
 * {@link org.miniascape.model.Guest}.
 */
public record DeclaredGuest(String name, Optional<String> group, String description, Hardware hardware,
                            Localization localization, Access access, Software software, List<DeclaredDisk> disks,
                            List<DeclaredNic> nics, Install install, List<TemplateFile> templates,
                            Map<String, Object> settings, Origin origin, List<SetupFile> setupData) {

    public DeclaredGuest {
        disks = List.copyOf(disks);
        nics = List.copyOf(nics);
        templates = List.copyOf(templates);
        setupData = List.copyOf(setupData);
    }
}
