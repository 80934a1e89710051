package org.miniascape.xml.domain;

import java.util.Optional;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <channel type='unix'>} to the QEMU guest agent: lets libvirt freeze file systems and read guest
 * addresses. Read back, it holds what the document has: a running domain's channel has the socket libvirt made
 * ({@code <source mode='bind' path>}) and whether the agent is connected ({@code <target state>}); a SPICE
 * display's channel is {@code type='spicevmc'}.
 */
public record ChannelElement(Optional<String> type, Optional<Source> source, Optional<Target> target)
        implements DeviceElement {
    /** The guest agent's channel, as miniascape defines it. */
    public static final ChannelElement GUEST_AGENT = new ChannelElement(Optional.of("unix"), Optional.empty(),
            Optional.of(new Target(Optional.of("virtio"), Optional.of("org.qemu.guest_agent.0"), Optional.empty())));

    /** {@code <source mode path/>}: the host's end of a unix channel. */
    public record Source(Optional<String> mode, Optional<String> path) {

        static Source read(XmlElement source) {
            return new Source(source.attribute("mode"), source.attribute("path"));
        }

        void write(XmlWriter w) {
            w.start("source");
            w.attr("mode", mode);
            w.attr("path", path);
            w.end();
        }
    }

    /** {@code <target type name state/>}: the guest's end. */
    public record Target(Optional<String> type, Optional<String> name, Optional<String> state) {

        static Target read(XmlElement target) {
            return new Target(target.attribute("type"), target.attribute("name"), target.attribute("state"));
        }

        void write(XmlWriter w) {
            w.start("target");
            w.attr("type", type);
            w.attr("name", name);
            w.attr("state", state);
            w.end();
        }
    }

    /** A {@code <channel>} as libvirt (or anyone) wrote it. */
    public static ChannelElement read(XmlElement channel) {
        return new ChannelElement(channel.attribute("type"), channel.child("source").map(Source::read),
                channel.child("target").map(Target::read));
    }

    @Override
    public void write(XmlWriter w) {
        w.start("channel");
        w.attr("type", type);
        source.ifPresent(s -> s.write(w));
        target.ifPresent(t -> t.write(w));
        w.end();
    }
}
