/**
 * The site as the configuration declares it: what {@link org.miniascape.config.SiteLoader}'s reader makes of the
 * files, what {@link org.miniascape.validate.SiteValidator} checks, and what
 * {@link org.miniascape.validate.SiteResolver} completes into the resolved {@link org.miniascape.model.Site}. These
 * types hold only what the files say: an address, a MAC, a bridge or a backing the files leave out is empty here,
 * and has no place for the value the resolver gives it. The parts that need no resolution (hardware, access,
 * install, pools …) are the model's own types, shared by both.
 */
package org.miniascape.model.declared;
