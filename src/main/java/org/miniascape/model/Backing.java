package org.miniascape.model;

/**
 * The image a disk is an overlay of, as resolved: {@code name} as the configuration gives it (a volume of the
 * disk's pool, or an absolute path), {@code path} the absolute path of the image, {@code format} its image format
 * (which libvirt needs declared since 6.0).
 */
public record Backing(String name, String path, String format) {
}
