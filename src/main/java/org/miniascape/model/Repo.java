package org.miniascape.model;

/**
 * A package repository the installer uses besides the install tree (kickstart's {@code repo}): its name and
 * base URL; {@code origin} for the positions of its keys.
 */
public record Repo(String name, String baseurl, Origin origin) {
}
