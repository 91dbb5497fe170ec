package dev.wharf.runtime.firewall;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.spdx.library.InvalidSPDXAnalysisException;
import org.spdx.library.model.license.AnyLicenseInfo;
import org.spdx.library.model.license.ConjunctiveLicenseSet;
import org.spdx.library.model.license.DisjunctiveLicenseSet;
import org.spdx.library.model.license.LicenseInfoFactory;
import org.spdx.library.model.license.OrLaterOperator;
import org.spdx.library.model.license.SimpleLicensingInfo;
import org.spdx.library.model.license.WithExceptionOperator;

/**
 * An SPDX license expression ({@code MIT OR Apache-2.0}, {@code GPL-2.0-only WITH Classpath-exception-2.0}), parsed by
 * the SPDX library into the choices it offers: a version may be used under an {@code OR} of licenses when one of them
 * is acceptable, under an {@code AND} only when all are.
 */
sealed interface LicenseExpression {

    /** Parsed expressions by their text; the SPDX library's parser is slow and keeps what it parsed. */
    Cache<String, Optional<LicenseExpression>> PARSED =
            Caffeine.newBuilder().maximumSize(10_000).build();

    /**
     * The expression of {@code text}; empty when it is not an SPDX expression (such as {@code SEE LICENSE IN
     * LICENSE.txt}).
     */
    static Optional<LicenseExpression> parse(String text) {
        return PARSED.get(text.trim(), LicenseExpression::parseNow);
    }

    /** Whether the licensed thing may be used when {@code acceptable} says which single licenses are. */
    boolean acceptable(Predicate<String> acceptable);

    /** One license, by its SPDX identifier (or LicenseRef). */
    record License(String id) implements LicenseExpression {
        @Override
        public boolean acceptable(Predicate<String> acceptable) {
            return acceptable.test(id);
        }
    }

    /** Every member's terms apply ({@code AND}). */
    record All(List<LicenseExpression> members) implements LicenseExpression {
        @Override
        public boolean acceptable(Predicate<String> acceptable) {
            return members.stream().allMatch(member -> member.acceptable(acceptable));
        }
    }

    /** Any one member may be chosen ({@code OR}). */
    record Any(List<LicenseExpression> members) implements LicenseExpression {
        @Override
        public boolean acceptable(Predicate<String> acceptable) {
            return members.stream().anyMatch(member -> member.acceptable(acceptable));
        }
    }

    private static Optional<LicenseExpression> parseNow(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            AnyLicenseInfo parsed;
            synchronized (LicenseExpression.class) {
                parsed = LicenseInfoFactory.parseSPDXLicenseString(text);
            }
            return Optional.ofNullable(convert(parsed));
        } catch (InvalidSPDXAnalysisException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static @org.jspecify.annotations.Nullable LicenseExpression convert(AnyLicenseInfo info)
            throws InvalidSPDXAnalysisException {
        if (info instanceof ConjunctiveLicenseSet all) {
            return new All(members(all.getMembers()));
        }
        if (info instanceof DisjunctiveLicenseSet any) {
            return new Any(members(any.getMembers()));
        }
        if (info instanceof WithExceptionOperator with) {
            return convert(with.getLicense());
        }
        if (info instanceof OrLaterOperator later) {
            return convert(later.getLicense());
        }
        if (info instanceof SimpleLicensingInfo simple) {
            String id = simple.getLicenseId();
            // NONE and NOASSERTION say nothing a rule could decide on.
            return id == null || id.equalsIgnoreCase("NOASSERTION") || id.equalsIgnoreCase("NONE")
                    ? null
                    : new License(id);
        }
        return null;
    }

    private static List<LicenseExpression> members(java.util.Collection<AnyLicenseInfo> infos)
            throws InvalidSPDXAnalysisException {
        List<LicenseExpression> members = new ArrayList<>();
        for (AnyLicenseInfo info : infos) {
            LicenseExpression member = convert(info);
            if (member == null) {
                throw new InvalidSPDXAnalysisException("a member of the expression names no license");
            }
            members.add(member);
        }
        return List.copyOf(members);
    }
}
