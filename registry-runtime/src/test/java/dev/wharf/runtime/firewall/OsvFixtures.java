package dev.wharf.runtime.firewall;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.version.VersionSchemes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** OSV archives made of the fixture documents under {@code firewall/osv}, zipped as OSV publishes them. */
final class OsvFixtures {

    static final List<String> DOCUMENTS = List.of(
            "GHSA-35jh-r3h4-6jhm.json",
            "MAL-2022-1.json",
            "GHSA-qwmp-2cf2-g9g6.json",
            "GHSA-jfh8-c2jp-5v3q.json",
            "GHSA-withdrawn.json",
            "GHSA-cvss4.json",
            "OTHER-debian.json");

    /** The ecosystems the tests serve, with their name normalisation. */
    static final Map<String, UnaryOperator<String>> NAMES = Map.of(
            "npm", UnaryOperator.identity(),
            "PyPI", VersionSchemes.of(Format.PYPI)::normalizeName,
            "Maven", UnaryOperator.identity());

    private OsvFixtures() {}

    /** A zip of {@code documents}, each under its own name. */
    static byte[] zip(List<String> documents) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String document : documents) {
                zip.putNextEntry(new ZipEntry(document));
                try (InputStream in = OsvFixtures.class.getResourceAsStream("/firewall/osv/" + document)) {
                    if (in == null) {
                        throw new IllegalStateException("no fixture " + document);
                    }
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
