package org.miniascape.libvirt;

/** A libvirt network as the host has it. {@code bridge} is empty when libvirt reports none. */
public record NetworkStatus(String name, boolean active, boolean persistent, boolean autostart, String bridge) {
}
