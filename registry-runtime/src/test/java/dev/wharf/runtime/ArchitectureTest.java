package dev.wharf.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.web.UnimplementedFormats;
import java.util.Arrays;
import java.util.List;

/**
 * The package rules of the runtime (STYLE.md, habit 1): format packages use the shared packages and never each other,
 * shared packages never use a format, Jackson 2 stays in {@code config}, and nothing talks to the Kubernetes API.
 */
@AnalyzeClasses(packages = "dev.wharf.runtime", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "dev.wharf.runtime.";

    private static final List<String> FORMATS =
            List.of("oci", "maven", "npm", "pypi", "helm", "generic", "go", "cargo", "nuget");

    private static final List<String> SHARED = List.of(
            "storage",
            "metadata",
            "artifact",
            "version",
            "proxy",
            "read",
            "auth",
            "policy",
            "config",
            "web",
            "api",
            "purge",
            "firewall",
            "quarantine",
            "cleanup",
            "gc",
            "audit",
            "observability",
            "setup");

    // The packages may not exist yet: an empty rule passes rather than fails.
    @ArchTest
    static final ArchRule formatsDoNotDependOnEachOther = slices().assignedFrom(new FormatSlices())
            .should()
            .notDependOnEachOther()
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule sharedPackagesDoNotDependOnFormats = noClasses()
            .that()
            .resideInAnyPackage(packages(SHARED))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(packages(FORMATS))
            .allowEmptyShould(true);

    /**
     * Shared packages name no format: a format's behaviour comes from its module. The one exception is the error shape
     * of the clients whose formats have no module yet ({@code UnimplementedFormats}: npm's and Go's). {@code version}
     * is the registry of the formats' schemes and names each.
     */
    @ArchTest
    static final ArchRule sharedPackagesNameNoFormat = classes()
            .that()
            .resideInAnyPackage(packages(
                    SHARED.stream().filter(name -> !name.equals("version")).toList()))
            .should(nameNoFormat());

    // com.fasterxml.jackson.annotation is not listed: Jackson 3 (tools.jackson) uses those annotations too.
    @ArchTest
    static final ArchRule jackson2OnlyReadsManifestsInConfig = noClasses()
            .that()
            .resideOutsideOfPackage(ROOT + "config..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "com.fasterxml.jackson.core..",
                    "com.fasterxml.jackson.databind..",
                    "com.fasterxml.jackson.dataformat..",
                    "com.fasterxml.jackson.datatype..")
            .because("the web layer uses Spring's Jackson 3 JsonMapper; Jackson 2 only reads the CRD manifests");

    @ArchTest
    static final ArchRule nothingTalksToTheKubernetesApi = noClasses()
            .should()
            .dependOnClassesThat()
            .areAssignableTo("io.fabric8.kubernetes.client.Client")
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage("io.fabric8.kubernetes.client.dsl..", "io.fabric8.kubernetes.client.http..")
            .because("the runtime reads its configuration from files, so it runs the same with or without a cluster");

    private static ArchCondition<JavaClass> nameNoFormat() {
        return new ArchCondition<>("name no format") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (JavaFieldAccess access : javaClass.getFieldAccessesFromSelf()) {
                    String constant = access.getTarget().getName();
                    boolean namesAFormat = access.getTargetOwner().isEquivalentTo(Format.class)
                            && Arrays.stream(Format.values())
                                    .anyMatch(format -> format.name().equals(constant));
                    boolean errorShapeOfAFormatNotServed =
                            javaClass.getName().startsWith(UnimplementedFormats.class.getName())
                                    && (constant.equals("NPM") || constant.equals("GO"));
                    if (namesAFormat && !errorShapeOfAFormatNotServed) {
                        events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                    }
                }
            }
        };
    }

    private static String[] packages(List<String> names) {
        return names.stream().map(name -> ROOT + name + "..").toArray(String[]::new);
    }

    /** One slice per format package, sub-packages included; classes outside the format packages are in none. */
    private static final class FormatSlices implements SliceAssignment {

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            return FORMATS.stream()
                    .filter(format -> name.equals(ROOT + format) || name.startsWith(ROOT + format + "."))
                    .findFirst()
                    .map(SliceIdentifier::of)
                    .orElseGet(SliceIdentifier::ignore);
        }

        @Override
        public String getDescription() {
            return "format packages " + Arrays.toString(packages(FORMATS));
        }
    }
}
