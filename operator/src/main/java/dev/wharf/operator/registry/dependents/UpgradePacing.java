package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.registry.Registry;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Paces the rollouts an operator upgrade causes. The operator stamps each Deployment and StatefulSet with the image it
 * renders by default (its version), the Registry generation and a hash of the pod template. When a new operator
 * renders another template for a Registry whose spec did not change, the new template needs a slot of
 * {@link UpgradePace}; without one the workload keeps its template, so a fleet rolls a few Registries at a time. A
 * change of the Registry itself rolls at once.
 */
public final class UpgradePacing {

    /** The default runtime image of the operator that rendered the workload: its version. */
    public static final String RENDERED_BY = "wharf.dev/rendered-by";

    /** The Registry generation the workload was rendered from. */
    public static final String GENERATION = "wharf.dev/registry-generation";

    /** sha256 of the pod template as rendered. */
    public static final String TEMPLATE_HASH = "wharf.dev/template-hash";

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private UpgradePacing() {}

    /**
     * {@code desired}, stamped; or, when only an operator upgrade changes its template and no slot is free, {@code
     * desired} with the template and stamps of {@code actual}, with the wait recorded in {@code render}.
     */
    static <W extends HasMetadata> W paced(
            W desired,
            Optional<W> actual,
            Registry registry,
            RenderContext render,
            Function<W, @Nullable PodTemplateSpec> template,
            BiConsumer<W, PodTemplateSpec> setTemplate) {
        String hash = hash(Objects.requireNonNull(template.apply(desired)));
        Map<String, String> stamps = new LinkedHashMap<>();
        stamps.put(RENDERED_BY, render.renderedBy());
        stamps.put(GENERATION, String.valueOf(registry.getMetadata().getGeneration()));
        stamps.put(TEMPLATE_HASH, hash);
        if (actual.isPresent() && upgradeOnly(actual.get(), stamps)) {
            W current = actual.get();
            PodTemplateSpec running = template.apply(current);
            Optional<java.time.Duration> wait =
                    running == null ? Optional.empty() : render.pace().acquire();
            if (wait.isPresent()) {
                setTemplate.accept(desired, Objects.requireNonNull(running));
                stamp(desired, annotations(current));
                render.defer(wait.get());
                return desired;
            }
        }
        stamp(desired, stamps);
        return desired;
    }

    /**
     * Whether {@code actual} was rendered from the same Registry generation by another operator, into another template:
     * the change is the operator's, not the user's.
     */
    private static boolean upgradeOnly(HasMetadata actual, Map<String, String> stamps) {
        Map<String, String> before = annotations(actual);
        return before.containsKey(RENDERED_BY)
                && !Objects.equals(stamps.get(RENDERED_BY), before.get(RENDERED_BY))
                && Objects.equals(stamps.get(GENERATION), before.get(GENERATION))
                && !Objects.equals(stamps.get(TEMPLATE_HASH), before.get(TEMPLATE_HASH));
    }

    private static Map<String, String> annotations(HasMetadata object) {
        Map<String, String> stamps = new LinkedHashMap<>();
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        if (annotations != null) {
            for (String key : new String[] {RENDERED_BY, GENERATION, TEMPLATE_HASH}) {
                String value = annotations.get(key);
                if (value != null) {
                    stamps.put(key, value);
                }
            }
        }
        return stamps;
    }

    private static void stamp(HasMetadata object, Map<String, String> stamps) {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (object.getMetadata().getAnnotations() != null) {
            annotations.putAll(object.getMetadata().getAnnotations());
        }
        annotations.putAll(stamps);
        object.getMetadata().setAnnotations(annotations);
    }

    /** sha256 of the template's JSON, in hex. */
    static String hash(PodTemplateSpec template) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(JSON.asJson(template).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
