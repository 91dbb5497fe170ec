package dev.wharf.runtime.setup;

import dev.wharf.api.v1alpha1.common.Format;

/**
 * What a format contributes to Setup Client: a bean per format served, answering for every registry of that format.
 * The core finds the registry, authorizes the caller, works out the URL clients use and mints a token when asked.
 */
public interface FormatSetup {

    /** The format it describes. */
    Format format();

    /**
     * The commands and configuration files of the format's clients for one registry. Credentials come from
     * {@code context}: placeholders unless a token was minted for this answer.
     */
    ClientSetup setup(SetupContext context);
}
