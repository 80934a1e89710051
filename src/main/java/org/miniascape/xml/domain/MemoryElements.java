package org.miniascape.xml.domain;

import java.util.Optional;
import org.miniascape.model.Hardware;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <memory>}, {@code <currentMemory>} (no ballooned-down start) and {@code <vcpu>}. Read back, each holds
 * what the document has: libvirt gives the sizes in KiB ({@code unit='KiB'}) and may leave out any of them.
 */
public record MemoryElements(Optional<Size> memory, Optional<Size> currentMemory, Optional<Integer> vcpus,
                             Optional<String> placement) {

    /** A memory size as written: the number and its unit ({@code KiB} when not given). */
    public record Size(long value, Optional<String> unit) {

        static Size read(XmlElement e) {
            return new Size(Long.parseLong(e.text().strip()), e.attribute("unit"));
        }

        /**
         * The size in KiB, in libvirt's units (b, KB, k or KiB, MB, M or MiB, GB, G or GiB).
         *
         * @throws IllegalArgumentException for a unit of another name
         */
        public long kib() {
            String u = unit.filter(x -> !x.isEmpty()).orElse("KiB");
            return switch (u) {
                case "b", "bytes" -> value / 1024;
                case "KB" -> value * 1000 / 1024;
                case "k", "KiB" -> value;
                case "MB" -> value * 1000 * 1000 / 1024;
                case "M", "MiB" -> value * 1024;
                case "GB" -> value * 1000 * 1000 * 1000 / 1024;
                case "G", "GiB" -> value * 1024 * 1024;
                default -> throw new IllegalArgumentException("unknown memory unit '" + u + "'");
            };
        }

        void write(XmlWriter w, String name) {
            w.start(name);
            w.attr("unit", unit);
            w.text(Long.toString(value)).end();
        }
    }

    /** The guest's memory (in MiB, as much at start as at most) and its vCPUs, statically placed. */
    public static MemoryElements of(Hardware hw) {
        Optional<Size> size = Optional.of(new Size(hw.memoryMib(), Optional.of("MiB")));
        return new MemoryElements(size, size, Optional.of(hw.vcpus()), Optional.of("static"));
    }

    /** The elements of a {@code <domain>} element. */
    public static MemoryElements read(XmlElement domain) {
        Optional<XmlElement> vcpu = domain.child("vcpu");
        return new MemoryElements(domain.child("memory").map(Size::read), domain.child("currentMemory")
                .map(Size::read), vcpu.map(v -> Integer.parseInt(v.text().strip())),
                vcpu.flatMap(v -> v.attribute("placement")));
    }

    public void write(XmlWriter w) {
        memory.ifPresent(m -> m.write(w, "memory"));
        currentMemory.ifPresent(m -> m.write(w, "currentMemory"));
        vcpus.ifPresent(n -> {
            w.start("vcpu");
            w.attr("placement", placement);
            w.text(Integer.toString(n)).end();
        });
    }
}
