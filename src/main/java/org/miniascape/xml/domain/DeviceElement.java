package org.miniascape.xml.domain;

import org.miniascape.xml.XmlWriter;

/**
 * One device of a domain's {@code <devices>}, as a typed element that reads ({@code read(XmlElement)} on each
 * record) and writes itself. {@link DevicesElement} holds them in document order.
 */
public sealed interface DeviceElement permits DiskElement, ControllerElement, InterfaceElement, InputElement,
        SerialElement, ConsoleElement, GraphicsElement, VideoElement, ChannelElement, MemballoonElement,
        RngElement {

    void write(XmlWriter w);
}
