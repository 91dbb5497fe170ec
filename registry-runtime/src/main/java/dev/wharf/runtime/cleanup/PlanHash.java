package dev.wharf.runtime.cleanup;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of a plan's candidate list, the same whatever the order the candidates are added in and whenever the plan
 * was made: each candidate (registry, package, version) is hashed with SHA-256 and the hashes are added modulo
 * 2<sup>256</sup> (a multiset hash, so the list need never be sorted or held), then the sum and the count are hashed
 * once more. A candidate list that differs in any member gives another hash.
 */
final class PlanHash {

    private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);

    private BigInteger sum = BigInteger.ZERO;
    private long count;

    void add(String registry, String packageName, String version) {
        byte[] member = sha256(registry + '\n' + packageName + '\n' + version);
        sum = sum.add(new BigInteger(1, member)).mod(MODULUS);
        count++;
    }

    /** The hash of the candidates added so far, 64 lower-case hex digits. */
    String hex() {
        return HexFormat.of().formatHex(sha256("wharf-cleanup-plan/1\n" + count + "\n" + sum.toString(16)));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
