package dev.wharf.runtime.pypi;

import dev.wharf.runtime.web.RequestRefusedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The form fields of an upload (the legacy upload API twine and poetry use), each checked against its limit as it
 * arrives: most are a line, the description may be long, and a field named twice is a list (classifiers).
 */
final class UploadFields {

    /** The most characters of a field without a limit of its own. */
    static final int FIELD_MAX = 4096;

    /** The most characters of the description, the only long field. */
    static final int DESCRIPTION_MAX = 1024 * 1024;

    private static final int MAX_FIELDS = 2000;
    private static final Map<String, Integer> LIMITS = Map.of(
            "name",
            dev.wharf.runtime.artifact.Names.PACKAGE_MAX,
            "version",
            dev.wharf.runtime.artifact.Names.VERSION_MAX,
            "sha256_digest",
            64,
            "md5_digest",
            32,
            "blake2_256_digest",
            64,
            "description",
            DESCRIPTION_MAX);

    private final Map<String, List<String>> fields = new LinkedHashMap<>();
    private int count;

    /** Adds a field; a 400 when it is too long or there are too many. */
    void add(String name, String value) {
        int limit = LIMITS.getOrDefault(name, FIELD_MAX);
        if (value.length() > limit) {
            throw RequestRefusedException.badRequest("the upload's field '" + name + "' has " + value.length()
                    + " characters; at most " + limit + " are accepted");
        }
        if (++count > MAX_FIELDS) {
            throw RequestRefusedException.badRequest(
                    "the upload has more than " + MAX_FIELDS + " fields; send the file and its metadata only");
        }
        fields.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }

    /** The field's value; null when it was not sent or is empty. */
    @Nullable String get(String name) {
        List<String> values = fields.get(name);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return null;
        }
        return values.get(0).strip();
    }

    /** The field's value; a 400 naming it when it was not sent. */
    String require(String name) {
        String value = get(name);
        if (value == null) {
            throw RequestRefusedException.badRequest("the upload has no '" + name + "' field; twine and poetry send"
                    + " it: upload with one of them, or add the field");
        }
        return value;
    }
}
