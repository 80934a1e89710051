package org.miniascape.model;

/** An extra per-guest file: template {@code src} (relative to the template path) rendered to {@code dst}. */
public record TemplateFile(String key, String src, String dst) {
}
