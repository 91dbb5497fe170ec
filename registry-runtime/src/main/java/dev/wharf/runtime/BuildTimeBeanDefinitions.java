package dev.wharf.runtime;

import java.net.URL;

/**
 * Turns on Spring's ahead-of-time mode ({@code spring.aot.enabled}) when the runtime runs from its packaged jar, which
 * carries the bean definitions the build prepared (the process-aot step): the start then skips scanning the class
 * path and evaluating conditions, about a second and a half on a small machine. Classes run from a build directory (an
 * IDE, the tests) may be newer than those definitions, so they start the ordinary way; so does any start that sets
 * {@code -Dspring.aot.enabled} itself.
 */
final class BuildTimeBeanDefinitions {

    static final String PROPERTY = "spring.aot.enabled";
    private static final String INITIALIZER =
            WharfRuntimeApplication.class.getName() + "__ApplicationContextInitializer";

    private BuildTimeBeanDefinitions() {}

    /** Sets {@code spring.aot.enabled=true} when running from a jar that has the definitions and nothing else decided. */
    static void useWhenPackaged() {
        if (System.getProperty(PROPERTY) == null && runsFromJar() && hasDefinitions()) {
            System.setProperty(PROPERTY, "true");
        }
    }

    private static boolean runsFromJar() {
        // Asked of the class loader, not the code source: a class from the JVM's AOT cache has no code source location.
        URL self = WharfRuntimeApplication.class.getResource(WharfRuntimeApplication.class.getSimpleName() + ".class");
        return self != null && "jar".equals(self.getProtocol());
    }

    private static boolean hasDefinitions() {
        return WharfRuntimeApplication.class.getClassLoader().getResource(INITIALIZER.replace('.', '/') + ".class")
                != null;
    }
}
