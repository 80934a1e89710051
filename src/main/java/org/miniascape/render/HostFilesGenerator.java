package org.miniascape.render;

import java.util.LinkedHashMap;
import java.util.Map;
import org.miniascape.model.Site;

/** Site-wide host files: {@code host/hosts} (hosts(5) lines for every DNS name of the site). */
public final class HostFilesGenerator implements Generator {

    @Override
    public void generate(Site site, Templates templates, OutputTree out) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("site", TemplateModel.site(site));
        out.write("host/hosts", templates.render("host/hosts.j2", vars));
    }
}
