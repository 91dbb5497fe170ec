package dev.wharf.operator.shipping;

import static dev.wharf.operator.shipping.RepositoryFiles.CHART;
import static dev.wharf.operator.shipping.RepositoryFiles.CONFIG;
import static dev.wharf.operator.shipping.RepositoryFiles.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The operator image that kustomize and Helm deploy is the one {@code ./mvnw -Pimages} builds: jib tags it with the
 * Maven version, so config/manager's tag and the chart's appVersion follow that version.
 */
class ImageVersionsTest {

    private static String mavenVersion() throws ParserConfigurationException, IOException, SAXException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element project = factory.newDocumentBuilder()
                .parse(ROOT.resolve("pom.xml").toFile())
                .getDocumentElement();
        // The project's own version: a child of <project>, not the version of a dependency or plugin.
        for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals("version")) {
                return element.getTextContent().strip();
            }
        }
        throw new AssertionError("pom.xml has no <version>");
    }

    @Test
    void managerImageTagShouldBeTheMavenVersion() throws Exception {
        String image = RepositoryFiles.named(
                        RepositoryFiles.documents(CONFIG.resolve("manager").resolve("manager.yaml")),
                        "Deployment",
                        "wharf-operator")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .path(0)
                .path("image")
                .asText();

        assertThat(image).isEqualTo("wharf/operator:" + mavenVersion());
    }

    @Test
    void chartAppVersionShouldBeTheMavenVersion() throws Exception {
        assertThat(RepositoryFiles.documents(CHART.resolve("Chart.yaml"))
                        .getFirst()
                        .path("appVersion")
                        .asText())
                .isEqualTo(mavenVersion());
    }
}
