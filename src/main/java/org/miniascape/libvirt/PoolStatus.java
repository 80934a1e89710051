package org.miniascape.libvirt;

/** A libvirt storage pool as the host has it. */
public record PoolStatus(String name, boolean active, boolean persistent, boolean autostart) {
}
