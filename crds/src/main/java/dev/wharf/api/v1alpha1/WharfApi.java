package dev.wharf.api.v1alpha1;

/** The API group and version every Wharf resource carries. */
public final class WharfApi {
    public static final String GROUP = "wharf.dev";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    /** The {@code kubectl get wharf} category all four kinds belong to. */
    public static final String CATEGORY = "wharf";

    private WharfApi() {}
}
