package io.msgsvc.examples.web;

import io.msgsvc.api.CampaignRules;
import io.msgsvc.api.InvalidRequestException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The API's campaign schedule fields, read and written the way Naver SENS takes a local send time: {@code reserveTime}
 * as {@code "yyyy-MM-dd HH:mm"} with {@code reserveTimeZone} (an IANA zone id, default {@code Asia/Seoul} as in SENS).
 */
final class CampaignScheduleJson {
    static final DateTimeFormatter RESERVE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);
    /** SENS's default when {@code reserveTimeZone} is left out. */
    static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Seoul");

    private CampaignScheduleJson() {}

    /** The local send time, or null when {@code reserveTime} is absent. */
    static LocalDateTime reserveTime(String reserveTime, String reserveTimeZone, String sendAt) {
        if (reserveTime == null) {
            if (reserveTimeZone != null) {
                throw new InvalidRequestException("reserveTimeZone", "goes only with reserveTime");
            }
            return null;
        }
        if (sendAt != null) {
            throw new InvalidRequestException("reserveTime", "give either sendAt or reserveTime, not both");
        }
        try {
            return LocalDateTime.parse(reserveTime, RESERVE_TIME);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(
                    "reserveTime",
                    "must be a local date-time as yyyy-MM-dd HH:mm, was \"" + shortened(reserveTime) + '"');
        }
    }

    static ZoneId reserveTimeZone(String reserveTimeZone) {
        return reserveTimeZone == null ? DEFAULT_ZONE : zone("reserveTimeZone", reserveTimeZone);
    }

    static Instant expireAt(String expireAt) {
        if (expireAt == null) {
            return null;
        }
        try {
            return Instant.parse(expireAt);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(
                    "expireAt",
                    "must be an ISO-8601 instant such as 2026-05-01T09:00:00Z, was \"" + shortened(expireAt) + '"');
        }
    }

    static Duration maxLateness(String maxLateness) {
        if (maxLateness == null) {
            return null;
        }
        try {
            return Duration.parse(maxLateness);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(
                    "maxLateness", "must be an ISO-8601 duration such as PT6H, was \"" + shortened(maxLateness) + '"');
        }
    }

    /** The send time as it was given locally, or null when it was given as an instant. */
    static String shownReserveTime(Instant sendAt, CampaignRules rules) {
        return rules.zone() == null ? null : RESERVE_TIME.format(sendAt.atZone(rules.zone()));
    }

    static DayOfWeek day(String field, String name) {
        if (name != null && name.length() >= 3) {
            for (DayOfWeek day : DayOfWeek.values()) {
                if (day.name().startsWith(name.toUpperCase(Locale.ROOT))) {
                    return day;
                }
            }
        }
        throw new InvalidRequestException(field, "must be a day of the week such as \"MON\", was " + name);
    }

    static LocalTime time(String field, String text) {
        if (text == null) {
            throw new InvalidRequestException(field, "must not be null");
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "must be a local time as HH:mm, was \"" + shortened(text) + '"');
        }
    }

    static ZoneId zone(String field, String id) {
        if (id == null) {
            throw new InvalidRequestException(field, "must not be null");
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new InvalidRequestException(
                    field, "must be a time zone id such as \"Asia/Seoul\", was \"" + shortened(id) + '"');
        }
    }

    private static String shortened(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }
}
