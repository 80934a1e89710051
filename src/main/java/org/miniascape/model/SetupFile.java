package org.miniascape.model;

/**
 * A file of a guest's {@code setup_data}: template {@code src} (relative to the template path), rendered with the
 * guest's context into {@code guests/NAME/setup/DST} and unpacked at install into {@link #GUEST_DIR}/DST with
 * permissions {@code mode} (four octal digits). {@code origin} holds the positions of its keys' values.
 */
public record SetupFile(String src, String dst, String mode, Origin origin) {
    /** Where the files land in the guest: 0.3 unpacked its setup tarball there too. */
    public static final String GUEST_DIR = "/root/setup";
    /** Where they are written under the guest's directory of the build output. */
    public static final String OUTPUT_DIR = "setup";
    /** A file's permissions when {@code mode} is not given. */
    public static final String DEFAULT_MODE = "0644";

    /** Whether the mode lets anyone execute it (the output copy is then written executable too). */
    public boolean executable() {
        return (Integer.parseInt(mode, 8) & 0111) != 0;
    }
}
