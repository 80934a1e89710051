package org.miniascape.render;

import java.util.List;
import org.miniascape.model.Site;

/**
 * One family of build outputs (network files, host files, guest files ...). Generators only read the resolved
 * site and write through the {@link OutputTree}; they never validate (that happened before) and never touch
 * the host.
 */
public interface Generator {
    void generate(Site site, Templates templates, OutputTree out);

    /** The templates it renders (by name), parsed ahead on the template engine's start while the site loads. */
    default List<String> templateNames() {
        return List.of();
    }
}
