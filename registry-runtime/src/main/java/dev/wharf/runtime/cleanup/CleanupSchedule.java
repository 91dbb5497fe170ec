package dev.wharf.runtime.cleanup;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A CleanupPolicy's {@code schedule} in its {@code timeZone}: a five-field cron expression (Unix cron, with its names of
 * months and days) or one of the {@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily},
 * {@code @midnight} and {@code @hourly} macros. Times are computed in the zone, so {@code 0 3 * * *} in Europe/Paris
 * is 03:00 Paris time on both sides of a daylight saving change.
 */
final class CleanupSchedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");

    private final ExecutionTime times;
    private final ZoneId zone;

    private CleanupSchedule(ExecutionTime times, ZoneId zone) {
        this.times = times;
        this.zone = zone;
    }

    /**
     * The schedule of a policy.
     *
     * @throws IllegalArgumentException naming the field and the value when either is not valid
     */
    static CleanupSchedule of(String schedule, @Nullable String timeZone) {
        ZoneId zone;
        try {
            zone = timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "spec.timeZone is '" + timeZone + "', which is not an IANA time zone such as Europe/Paris or UTC",
                    e);
        }
        String expression = MACROS.getOrDefault(schedule.trim().toLowerCase(Locale.ROOT), schedule.trim());
        Cron cron;
        try {
            cron = PARSER.parse(expression);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "spec.schedule is '" + schedule + "', which is not a five-field cron expression or a macro such as"
                            + " @daily: " + e.getMessage(),
                    e);
        }
        return new CleanupSchedule(ExecutionTime.forCron(cron), zone);
    }

    /** The first scheduled time after {@code after}. */
    Optional<Instant> next(Instant after) {
        return times.nextExecution(after.atZone(zone)).map(time -> time.toInstant());
    }

    /** The last scheduled time at or before {@code at}. */
    Optional<Instant> last(Instant at) {
        return times.lastExecution(at.plusNanos(1).atZone(zone)).map(time -> time.toInstant());
    }
}
