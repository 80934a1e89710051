package org.miniascape.model;

/** A libvirt storage pool of the site; {@code type} is libvirt's pool type (dir, ...). */
public record StoragePool(String name, String type, String path, boolean autostart, Origin origin) {
}
