package org.miniascape.libvirt;

/** A storage volume: its name in the pool, its path on the host, and sizes in bytes. */
public record VolumeStatus(String pool, String name, String path, long capacity, long allocation) {
}
