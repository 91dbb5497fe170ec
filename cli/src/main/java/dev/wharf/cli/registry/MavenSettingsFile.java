package dev.wharf.cli.registry;

import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCodes;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Merges a registry into Maven's {@code settings.xml}: a {@code <server>} with the credentials and a
 * {@code <mirror>} of every repository, both with the registry's name as id, replacing those with that id and keeping
 * every other element and comment.
 */
final class MavenSettingsFile {

    private MavenSettingsFile() {}

    static String merge(String existing, String id, String url, String username, String token) {
        Document document = existing.isBlank() ? empty() : parse(existing);
        Element settings = document.getDocumentElement();
        replace(
                settings,
                "servers",
                "server",
                id,
                List.of(new String[] {"id", id}, new String[] {"username", username}, new String[] {"password", token
                }));
        replace(
                settings,
                "mirrors",
                "mirror",
                id,
                List.of(
                        new String[] {"id", id},
                        new String[] {"name", "Wharf registry " + id},
                        new String[] {"url", url},
                        new String[] {"mirrorOf", "*"}));
        return write(document);
    }

    private static void replace(Element settings, String listName, String itemName, String id, List<String[]> fields) {
        Element list = child(settings, listName);
        if (list == null) {
            list = element(settings, listName);
            settings.appendChild(list);
        }
        Element item = element(settings, itemName);
        for (String[] field : fields) {
            Element value = element(settings, field[0]);
            value.setTextContent(field[1]);
            item.appendChild(value);
        }
        for (Element existing : children(list, itemName)) {
            Element existingId = child(existing, "id");
            if (existingId != null && existingId.getTextContent().strip().equals(id)) {
                list.replaceChild(item, existing);
                return;
            }
        }
        list.appendChild(item);
    }

    private static Element element(Element settings, String name) {
        String namespace = settings.getNamespaceURI();
        return namespace == null
                ? settings.getOwnerDocument().createElement(name)
                : settings.getOwnerDocument().createElementNS(namespace, name);
    }

    private static @Nullable Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.getFirst();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && name.equals(localName(element))) {
                found.add(element);
            }
        }
        return found;
    }

    private static String localName(Element element) {
        return element.getLocalName() == null ? element.getTagName() : element.getLocalName();
    }

    private static Document empty() {
        Document document = builder().newDocument();
        document.appendChild(document.createElementNS("http://maven.apache.org/SETTINGS/1.2.0", "settings"));
        return document;
    }

    private static Document parse(String xml) {
        try {
            return builder().parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new CliException(
                    ExitCodes.FAILED,
                    "Maven's settings.xml is not well-formed XML (" + e.getMessage()
                            + "); fix it, or move it away and run this again");
        }
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // A settings file has no DTD; refusing one keeps external entities out.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(Document document) {
        stripIndentation(document.getDocumentElement());
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            document.setXmlStandalone(true);
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString().replaceFirst("\\?>", "?>\n").strip() + "\n";
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Drops whitespace-only text, so that the writer indents old and new elements alike. */
    private static void stripIndentation(Node node) {
        NodeList children = node.getChildNodes();
        for (int i = children.getLength() - 1; i >= 0; i--) {
            Node child = children.item(i);
            if (child.getNodeType() == Node.TEXT_NODE && child.getTextContent().isBlank()) {
                node.removeChild(child);
            } else {
                stripIndentation(child);
            }
        }
    }
}
