/**
 * The read pipeline every format's downloads go through ({@link ReadPipeline}): the registry's own content, the
 * firewall and quarantine gate ({@link ReadGate}), the upstreams in order, recording, and where the answer came from
 * ({@link ReadOrigin}, sent as the {@code X-Wharf-*} headers).
 */
@NullMarked
package dev.wharf.runtime.read;

import org.jspecify.annotations.NullMarked;
