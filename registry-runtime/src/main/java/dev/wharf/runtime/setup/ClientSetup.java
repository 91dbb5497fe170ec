package dev.wharf.runtime.setup;

import java.util.List;

/**
 * How a format's clients use one registry.
 *
 * @param url the registry's URL for its clients (npm's registry, Maven's repository, pip's index)
 * @param login how to log in, per client
 * @param push how to push (deploy, publish, upload), with placeholders such as {@code <version>}
 * @param pull how to pull (install, download), with placeholders
 * @param configuration the client's configuration files, each a snippet to merge into the file it names
 */
public record ClientSetup(
        String url, List<Command> login, List<Command> push, List<Command> pull, List<ConfigFile> configuration) {

    public ClientSetup {
        login = List.copyOf(login);
        push = List.copyOf(push);
        pull = List.copyOf(pull);
        configuration = List.copyOf(configuration);
    }

    /** A command line for a client, such as {@code npm}, with what it does. */
    public record Command(String client, String description, String command) {}

    /**
     * A client configuration file.
     *
     * @param client the client reading it, such as {@code npm}
     * @param path where the client reads it, such as {@code ~/.npmrc}
     * @param content the entries for this registry, to merge into what the file holds
     */
    public record ConfigFile(String client, String path, String content) {}
}
