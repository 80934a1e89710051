package org.miniascape.xml.domain;

import java.util.List;
import java.util.Optional;
import org.miniascape.model.Hardware;

/**
 * A VNC or SPICE display on the host's loopback (a port libvirt picks) and a virtio video card: the guest's
 * {@code console.graphics}, by default a VNC display for a guest that asked for no serial console.
 */
public record GraphicsElements(Hardware.Graphics type) {

    /** The {@code <graphics>} and {@code <video>} devices, none for {@code graphics: none}. */
    public List<DeviceElement> devices() {
        if (type == Hardware.Graphics.NONE) {
            return List.of();
        }
        Optional<String> none = Optional.empty();
        GraphicsElement graphics = new GraphicsElement(Optional.of(type.key()), Optional.of("-1"), Optional.of("yes"),
                none, List.of(new GraphicsElement.Listen(Optional.of("address"), Optional.of("127.0.0.1"), none)));
        VideoElement video = new VideoElement(Optional.of(new VideoElement.Model(Optional.of("virtio"), none, none,
                none)));
        return List.of(graphics, video);
    }
}
