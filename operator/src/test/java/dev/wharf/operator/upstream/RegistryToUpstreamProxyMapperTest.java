package dev.wharf.operator.upstream;

import static dev.wharf.operator.testing.Resources.registry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxyStatus;
import dev.wharf.operator.testing.Resources;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which UpstreamProxies a Registry change re-reconciles. */
class RegistryToUpstreamProxyMapperTest {

    static Stream<Arguments> mappings() {
        return Stream.of(
                Arguments.of("names no proxy, listed nowhere", registry("artifacts", "npm"), List.of(), Set.of()),
                Arguments.of(
                        "names two proxies",
                        registry("artifacts", "npm", "internal", "npmjs"),
                        List.of(),
                        Set.of(id("internal"), id("npmjs"))),
                Arguments.of(
                        "names a proxy that does not exist yet",
                        registry("artifacts", "npm", "later"),
                        List.of(),
                        Set.of(id("later"))),
                Arguments.of(
                        "no longer names a proxy whose status lists it",
                        registry("artifacts", "npm"),
                        List.of(proxyUsedBy("npmjs", "npm"), proxyUsedBy("other", "docker")),
                        Set.of(id("npmjs"))),
                Arguments.of(
                        "names one proxy, another still lists it",
                        registry("artifacts", "npm", "internal"),
                        List.of(proxyUsedBy("npmjs", "mirror", "npm"), proxyUsedBy("internal")),
                        Set.of(id("internal"), id("npmjs"))));
    }

    @ParameterizedTest(name = "a Registry that {0}")
    @MethodSource("mappings")
    void proxiesToReconcileShouldBeTheNamedOnesAndThoseListingTheRegistry(
            String description, Registry registry, List<UpstreamProxy> proxies, Set<ResourceID> expected) {
        assertThat(RegistryToUpstreamProxyMapper.proxiesToReconcile(registry, proxies.stream()))
                .isEqualTo(expected);
    }

    private static ResourceID id(String proxy) {
        return new ResourceID(proxy, "artifacts");
    }

    private static UpstreamProxy proxyUsedBy(String name, String... registries) {
        UpstreamProxy proxy = Resources.upstreamProxy("artifacts", name);
        proxy.setStatus(new UpstreamProxyStatus(null, null, List.of(registries), null));
        return proxy;
    }
}
