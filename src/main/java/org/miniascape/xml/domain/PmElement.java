package org.miniascape.xml.domain;

import org.miniascape.xml.XmlWriter;

/** {@code <pm>}: no suspend to RAM or disk; a suspended lab guest only looks hung. */
public record PmElement(boolean suspendToMem, boolean suspendToDisk) {
    public static final PmElement DEFAULT = new PmElement(false, false);

    public void write(XmlWriter w) {
        w.start("pm");
        w.start("suspend-to-mem").attr("enabled", suspendToMem ? "yes" : "no").end();
        w.start("suspend-to-disk").attr("enabled", suspendToDisk ? "yes" : "no").end();
        w.end();
    }
}
