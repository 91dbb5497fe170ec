package dev.wharf.runtime.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Kubernetes resource quantities such as {@code 10Gi}, {@code 500M} or {@code 1e9} into bytes. */
final class ByteSizes {

    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("k", BigDecimal.TEN.pow(3)),
            Map.entry("M", BigDecimal.TEN.pow(6)),
            Map.entry("G", BigDecimal.TEN.pow(9)),
            Map.entry("T", BigDecimal.TEN.pow(12)),
            Map.entry("P", BigDecimal.TEN.pow(15)),
            Map.entry("Ki", BigDecimal.valueOf(2).pow(10)),
            Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
            Map.entry("Gi", BigDecimal.valueOf(2).pow(30)),
            Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
            Map.entry("Pi", BigDecimal.valueOf(2).pow(50)));

    private static final Pattern QUANTITY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)([a-zA-Z]*)");

    private ByteSizes() {}

    /**
     * The number of bytes, rounded up.
     *
     * @throws IllegalArgumentException naming the field when the quantity is not one
     */
    static long parse(String field, String quantity) {
        Matcher matcher = QUANTITY.matcher(quantity.strip());
        BigDecimal factor = matcher.matches() ? SUFFIXES.get(matcher.group(2)) : null;
        if (factor == null) {
            throw new IllegalArgumentException(field + " is '" + quantity
                    + "'; write a size such as 500Mi, 10Gi or 1000000000 (suffixes k M G T P Ki Mi Gi Ti Pi)");
        }
        try {
            BigDecimal bytes = new BigDecimal(matcher.group(1)).multiply(factor);
            if (bytes.signum() <= 0) {
                throw new IllegalArgumentException(field + " is '" + quantity + "'; it must be positive");
            }
            return bytes.setScale(0, RoundingMode.CEILING).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " is '" + quantity + "', more bytes than can be counted", e);
        }
    }
}
