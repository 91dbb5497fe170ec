package dev.wharf.runtime.api;

import dev.wharf.runtime.metadata.MetadataEntries;
import dev.wharf.runtime.web.RequestRefusedException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@code key:value} metadata sent to the API: keys of 1 to 63 characters from {@code [A-Za-z0-9._-]}, string
 * values of at most 4096 characters, at most {@link MetadataEntries#MAX_ENTRIES} in one request.
 */
final class MetadataBody {

    static final int MAX_KEY_LENGTH = 63;
    static final int MAX_VALUE_LENGTH = 4096;

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_KEY_LENGTH + "}");

    private MetadataBody() {}

    /** The entries of a JSON object body; a 400 saying what is wrong otherwise. */
    static Map<String, String> entries(Map<String, ? extends @Nullable Object> body) {
        if (body.isEmpty()) {
            throw RequestRefusedException.badRequest(
                    "the body sets no metadata; send a JSON object such as {\"team\": \"platform\"}");
        }
        if (body.size() > MetadataEntries.MAX_ENTRIES) {
            throw RequestRefusedException.badRequest("the body sets " + body.size() + " metadata entries; at most "
                    + MetadataEntries.MAX_ENTRIES + " are allowed");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        body.forEach((key, value) -> {
            key(key);
            if (!(value instanceof String text)) {
                throw RequestRefusedException.badRequest("the value of metadata key '" + key + "' is "
                        + (value == null ? "null" : "not a string") + "; metadata values are strings (to remove a"
                        + " key, DELETE .../metadata/" + key + ")");
            }
            if (text.length() > MAX_VALUE_LENGTH) {
                throw RequestRefusedException.badRequest("the value of metadata key '" + key + "' has " + text.length()
                        + " characters; at most " + MAX_VALUE_LENGTH + " are allowed");
            }
            entries.put(key, text);
        });
        return entries;
    }

    /** A valid key; a 400 otherwise. */
    static String key(String key) {
        if (!KEY.matcher(key).matches()) {
            throw RequestRefusedException.badRequest("the metadata key '" + Echo.printable(key)
                    + "' is not valid; keys have 1 to " + MAX_KEY_LENGTH
                    + " characters, each a letter, a digit, '.', '_' or '-'");
        }
        return key;
    }
}
