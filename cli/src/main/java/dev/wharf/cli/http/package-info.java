/** The management API as the client calls it: requests, streamed transfers and RFC 9457 problems. */
@NullMarked
package dev.wharf.cli.http;

import org.jspecify.annotations.NullMarked;
