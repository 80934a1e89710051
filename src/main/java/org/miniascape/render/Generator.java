package org.miniascape.render;

import org.miniascape.model.Site;

/**
 * One family of build outputs (network files, host files, guest files ...). Generators only read the resolved
 * site and write through the {@link OutputTree}; they never validate (that happened before) and never touch
 * the host.
 */
public interface Generator {
    void generate(Site site, Templates templates, OutputTree out);
}
