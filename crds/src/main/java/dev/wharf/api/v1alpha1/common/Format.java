package dev.wharf.api.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * A package format. The API accepts every format Wharf plans to serve; the runtime reports the ones it does not
 * serve yet as not ready instead of the API refusing them.
 */
public enum Format {
    @JsonProperty("docker")
    DOCKER,
    @JsonProperty("helm")
    HELM,
    @JsonProperty("maven")
    MAVEN,
    @JsonProperty("npm")
    NPM,
    @JsonProperty("pypi")
    PYPI,
    @JsonProperty("generic")
    GENERIC,
    @JsonProperty("go")
    GO,
    @JsonProperty("cargo")
    CARGO,
    @JsonProperty("nuget")
    NUGET,
    @JsonProperty("composer")
    COMPOSER,
    @JsonProperty("rpm")
    RPM,
    @JsonProperty("debian")
    DEBIAN,
    @JsonProperty("conda")
    CONDA,
    @JsonProperty("dart")
    DART,
    @JsonProperty("rubygems")
    RUBYGEMS,
    @JsonProperty("swift")
    SWIFT,
    @JsonProperty("terraform")
    TERRAFORM,
    @JsonProperty("huggingface")
    HUGGINGFACE;

    /** The name used in manifests and URLs, such as {@code npm}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
