package org.miniascape.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.miniascape.model.Site;

/**
 * Site-wide host files: {@code host/hosts} (hosts(5) lines for every DNS name of the site) and
 * {@code host/nftables.conf} (NAT and filter rules for the site's networks, in a table of their own).
 */
public final class HostFilesGenerator implements Generator {
    private static final String HOSTS = "host/hosts.j2";
    private static final String NFTABLES = "host/nftables.conf.j2";

    @Override
    public List<String> templateNames() {
        return List.of(HOSTS, NFTABLES);
    }

    @Override
    public void generate(Site site, Templates templates, OutputTree out) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("site", TemplateModel.site(site));
        out.write("host/hosts", templates.render(HOSTS, vars));
        out.write("host/nftables.conf", templates.render(NFTABLES, vars));
    }
}
