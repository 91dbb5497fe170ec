package dev.wharf.runtime.metadata;

import io.r2dbc.spi.Parameter;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * Values in and out of SQL the same way on PostgreSQL and H2: times as {@code TIMESTAMP WITH TIME ZONE} in UTC, cut
 * to the microsecond both databases keep (so a time read back equals the time written), numbers of any integral SQL
 * type as {@code long}, nulls bound with their type.
 */
public final class Sql {

    private Sql() {}

    /** Now, as the database will keep it. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public static OffsetDateTime time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    public static Parameter nullableTime(@Nullable Instant instant) {
        return instant == null ? Parameters.in(OffsetDateTime.class) : Parameters.in(time(instant));
    }

    public static Parameter nullableText(@Nullable String text) {
        return text == null ? Parameters.in(String.class) : Parameters.in(text);
    }

    public static Parameter nullableLong(@Nullable Long value) {
        return value == null ? Parameters.in(Long.class) : Parameters.in(value);
    }

    public static String text(Readable row, String column) {
        String value = row.get(column, String.class);
        if (value == null) {
            throw new IllegalStateException("the column " + column + " is null");
        }
        return value;
    }

    public static @Nullable String nullableText(Readable row, String column) {
        return row.get(column, String.class);
    }

    public static long number(Readable row, String column) {
        Long value = nullableNumber(row, column);
        if (value == null) {
            throw new IllegalStateException("the column " + column + " is null");
        }
        return value;
    }

    public static @Nullable Long nullableNumber(Readable row, String column) {
        Object value = row.get(column);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalStateException(
                "the column " + column + " holds a " + value.getClass().getName() + ", not a number");
    }

    public static Instant instant(Readable row, String column) {
        Instant value = nullableInstant(row, column);
        if (value == null) {
            throw new IllegalStateException("the column " + column + " is null");
        }
        return value;
    }

    public static @Nullable Instant nullableInstant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
