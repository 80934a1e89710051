package org.miniascape.xml.domain;

import org.miniascape.xml.XmlWriter;

/** {@code <memory>}, {@code <currentMemory>} (no ballooned-down start) and {@code <vcpu>}. */
public record MemoryElements(int memoryMib, int vcpus) {

    public void write(XmlWriter w) {
        w.start("memory").attr("unit", "MiB").text(Integer.toString(memoryMib)).end();
        w.start("currentMemory").attr("unit", "MiB").text(Integer.toString(memoryMib)).end();
        w.start("vcpu").attr("placement", "static").text(Integer.toString(vcpus)).end();
    }
}
