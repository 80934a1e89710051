package org.miniascape.model;

import java.util.Optional;

/**
 * kdump, the crash dump service: on or off, and the memory reserved for its kernel in MiB (empty: {@code auto},
 * the installer's and kernel's own choice by the guest's memory).
 */
public record Kdump(boolean enabled, Optional<Integer> reserveMb) {
}
