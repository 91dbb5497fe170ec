package dev.wharf.cli.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCodes;
import dev.wharf.cli.http.ApiClient;
import picocli.CommandLine.Option;

/** {@code --page} (zero-based) and {@code --page-size}, and pages of what the API lists whole. */
final class Paging {

    static final int MAX_SIZE = 100;

    @Option(names = "--page", paramLabel = "N", description = "the page, from 0 (default 0)")
    int page = 0;

    @Option(names = "--page-size", paramLabel = "N", description = "items per page, 1 to 100 (default 10)")
    int size = 10;

    void check() {
        if (page < 0) {
            throw new CliException(ExitCodes.USAGE, "--page " + page + " is below 0; pages count from 0");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new CliException(ExitCodes.USAGE, "--page-size " + size + " must be from 1 to " + MAX_SIZE);
        }
    }

    /** One page of a whole list, in the shape of the API's package pages. */
    ObjectNode of(JsonNode all) {
        ArrayNode items = ApiClient.JSON.createArrayNode();
        long from = (long) page * size;
        for (int i = (int) Math.min(from, all.size()); i < Math.min(from + size, all.size()); i++) {
            items.add(all.get(i));
        }
        ObjectNode result = ApiClient.JSON.createObjectNode();
        result.set("items", items);
        result.put("page", page);
        result.put("size", size);
        result.put("totalItems", all.size());
        result.put("totalPages", (all.size() + size - 1) / size);
        return result;
    }

    /** The line under a table: where this page is and how to get the next. */
    static String footer(JsonNode page, String what) {
        long total = page.path("totalItems").asLong();
        long pages = page.path("totalPages").asLong();
        long current = page.path("page").asLong();
        String line = "Page " + current + " of " + Math.max(pages, 1) + " (pages count from 0), " + total + " " + what;
        return current + 1 < pages ? line + "; next: --page " + (current + 1) : line;
    }
}
