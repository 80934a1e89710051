package org.miniascape.xml.domain;

import java.util.List;
import java.util.Optional;
import org.miniascape.model.Guest;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <cpu mode='host-passthrough'>} under KVM: the guest sees the host CPU (a lab guest is not migrated
 * between different hosts). Under TCG (virt_type qemu) there is no host CPU to pass through: libvirt's
 * default emulated model is used. Read back, it holds what the document has: libvirt writes a TCG guest's CPU
 * as {@code mode='custom' match='exact'} with its {@code <model fallback>} and required {@code <feature>}s, and a
 * topology where one was given.
 */
public record CpuElement(Optional<String> mode, Optional<String> match, Optional<String> check,
                         Optional<String> migratable, Optional<Model> model, Optional<Topology> topology,
                         List<Feature> features) {

    public CpuElement {
        features = List.copyOf(features);
    }

    /** {@code <model fallback>NAME</model>}. */
    public record Model(Optional<String> fallback, String name) {

        static Model read(XmlElement model) {
            return new Model(model.attribute("fallback"), model.text().strip());
        }

        void write(XmlWriter w) {
            w.start("model");
            w.attr("fallback", fallback);
            w.text(name).end();
        }
    }

    /** {@code <topology sockets dies cores threads/>}. */
    public record Topology(Optional<String> sockets, Optional<String> dies, Optional<String> cores,
                           Optional<String> threads) {

        static Topology read(XmlElement t) {
            return new Topology(t.attribute("sockets"), t.attribute("dies"), t.attribute("cores"),
                    t.attribute("threads"));
        }

        void write(XmlWriter w) {
            w.start("topology");
            w.attr("sockets", sockets);
            w.attr("dies", dies);
            w.attr("cores", cores);
            w.attr("threads", threads);
            w.end();
        }
    }

    /** {@code <feature policy name/>}. */
    public record Feature(Optional<String> policy, Optional<String> name) {

        static Feature read(XmlElement f) {
            return new Feature(f.attribute("policy"), f.attribute("name"));
        }

        void write(XmlWriter w) {
            w.start("feature");
            w.attr("policy", policy);
            w.attr("name", name);
            w.end();
        }
    }

    public static Optional<CpuElement> of(Guest guest) {
        if (guest.hardware().virtType() != Guest.VirtType.KVM) {
            return Optional.empty();
        }
        return Optional.of(new CpuElement(Optional.of("host-passthrough"), Optional.empty(), Optional.of("none"),
                Optional.of("on"), Optional.empty(), Optional.empty(), List.of()));
    }

    /** A {@code <cpu>} as libvirt (or anyone) wrote it. */
    public static CpuElement read(XmlElement cpu) {
        return new CpuElement(cpu.attribute("mode"), cpu.attribute("match"), cpu.attribute("check"),
                cpu.attribute("migratable"), cpu.child("model").map(Model::read),
                cpu.child("topology").map(Topology::read), cpu.children("feature").stream().map(Feature::read)
                .toList());
    }

    public void write(XmlWriter w) {
        w.start("cpu");
        w.attr("mode", mode);
        w.attr("match", match);
        w.attr("check", check);
        w.attr("migratable", migratable);
        model.ifPresent(m -> m.write(w));
        topology.ifPresent(t -> t.write(w));
        features.forEach(f -> f.write(w));
        w.end();
    }
}
