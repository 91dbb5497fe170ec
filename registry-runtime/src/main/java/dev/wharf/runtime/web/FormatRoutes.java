package dev.wharf.runtime.web;

import dev.wharf.api.v1alpha1.common.Format;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The routes of one package format; a bean per implemented format. Formats without one answer 400 saying so. */
public interface FormatRoutes {

    /** The format served. */
    Format format();

    /** The routes, every one under the format's base path and behind {@link AccessGuard}. */
    RouterFunction<ServerResponse> routes();
}
