package dev.wharf.runtime.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Everything one read of a configuration source found: the manifest files in name order, and the files it could not
 * read.
 *
 * @param files the files read, in name order
 * @param problems the files that could not be read, and why
 */
record ManifestFiles(List<ManifestFile> files, List<ConfigProblem> problems) {

    ManifestFiles {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /**
     * A SHA-256 over the paths, contents and read problems, plus {@code extra} (such as the names of mounted Secrets),
     * so a re-scan can tell whether anything changed without parsing again.
     */
    String fingerprint(List<String> extra) {
        MessageDigest digest = sha256();
        for (ManifestFile file : files) {
            update(digest, "file");
            update(digest, file.path());
            update(digest, file.content());
        }
        for (ConfigProblem problem : problems) {
            update(digest, "problem");
            update(digest, problem.toString());
        }
        for (String item : extra) {
            update(digest, "extra");
            update(digest, item);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // The length first, so that ("ab", "c") and ("a", "bc") hash differently.
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
