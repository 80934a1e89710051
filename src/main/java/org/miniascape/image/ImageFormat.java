package org.miniascape.image;

/** The disk image formats we read ourselves; anything else is named so the error can say what it is. */
public enum ImageFormat {
    QCOW2("qcow2"),
    RAW("raw");

    private final String key;

    ImageFormat(String key) {
        this.key = key;
    }

    /** The name libvirt and qemu-img use. */
    public String key() {
        return key;
    }

    public static ImageFormat fromKey(String key) {
        for (ImageFormat f : values()) {
            if (f.key.equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException(key);
    }
}
