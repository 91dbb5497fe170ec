package dev.wharf.runtime.pypi;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;

/**
 * The forms of the simple API's pages and how a request's {@code Accept} chooses one (PEP 691): the highest quality
 * among those the client takes; of equal quality, HTML as {@code text/html} first (what a browser or a bare
 * wildcard gets), then the versioned HTML, then JSON.
 */
enum IndexForm {
    /** {@code text/html}, the PEP 503 page. */
    HTML("text/html"),
    /** The versioned HTML type, the same page. */
    HTML_V1("application/vnd.pypi.simple.v1+html"),
    /** The PEP 691 JSON document. */
    JSON_V1("application/vnd.pypi.simple.v1+json");

    /** The types a {@code 406} lists. */
    static final String ACCEPTED =
            "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html, text/html";

    private final String mainType;
    private final String subtype;

    IndexForm(String type) {
        this.mainType = type.substring(0, type.indexOf('/'));
        this.subtype = type.substring(type.indexOf('/') + 1);
    }

    /** The {@code Content-Type} a page of this form is served with. */
    String contentType() {
        return mainType + "/" + subtype + (this == JSON_V1 ? "" : ";charset=utf-8");
    }

    /** Whether it is the JSON form. */
    boolean json() {
        return this == JSON_V1;
    }

    /**
     * The form {@code accept} asks for; {@link #HTML} when it says nothing; null when it takes none of them.
     *
     * @throws IllegalArgumentException when the header cannot be read
     */
    static @Nullable IndexForm negotiate(@Nullable String accept) {
        if (accept == null || accept.isBlank()) {
            return HTML;
        }
        List<MediaType> ranges = MediaType.parseMediaTypes(accept);
        IndexForm best = null;
        double bestQuality = 0;
        for (IndexForm form : values()) {
            double quality = form.quality(ranges);
            if (quality > bestQuality) {
                best = form;
                bestQuality = quality;
            }
        }
        return best;
    }

    /** The quality of the most specific range that takes this form's type; 0 when none does. */
    private double quality(List<MediaType> ranges) {
        int specificity = -1;
        double quality = 0;
        for (MediaType range : ranges) {
            int matched = matches(range);
            if (matched > specificity) {
                specificity = matched;
                quality = range.getQualityValue();
            }
        }
        return quality;
    }

    /** 2 for the exact type, 1 for {@code type/*}, 0 for {@code *}{@code /*}, -1 for no match. */
    private int matches(MediaType range) {
        String asked = range.getSubtype().toLowerCase(Locale.ROOT);
        if (range.isWildcardType()) {
            return 0;
        }
        if (!range.getType().equalsIgnoreCase(mainType)) {
            return -1;
        }
        if (range.isWildcardSubtype()) {
            return 1;
        }
        String latest = asked.replace("vnd.pypi.simple.latest+", "vnd.pypi.simple.v1+");
        return latest.equals(subtype) ? 2 : -1;
    }
}
