package io.msgsvc.api;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * When sends may go: on the given days of the week, from {@code from} to {@code to} local time in {@code zone}. A
 * window whose {@code to} is not after {@code from} spans midnight (22:00-06:00 opens at 22:00 on each given day and
 * closes at 06:00 the next); {@code from == to} is the whole day. It opens and closes at the first instant the local
 * clock reaches or passes {@code from} and {@code to}: a time that a daylight-saving change skips is the gap's end
 * (a window that closes at 02:30 on the night the clocks jump from 02:00 to 03:00 closes at 03:00, one that opens at
 * 02:30 opens then), and a time that occurs twice is taken at its earlier offset. A window whose hours all fall in
 * such a gap does not open that night.
 *
 * @param days the days on which the window opens, not empty; copied
 * @param from the local time it opens
 * @param to   the local time it closes (on the next day when not after {@code from})
 * @param zone the zone of {@code from} and {@code to}
 */
public record DeliveryWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {
    /** The Korean advertising rule's zone. */
    public static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    /**
     * @param days the days on which the window opens, not empty; copied
     * @param from the local time it opens
     * @param to   the local time it closes
     * @param zone the zone of {@code from} and {@code to}
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code days} is empty
     */
    public DeliveryWindow {
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("days must not be empty: a window that never opens");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    /**
     * Every day of the week from {@code from} to {@code to}.
     *
     * @param from the local time it opens
     * @param to   the local time it closes (on the next day when not after {@code from})
     * @param zone their zone
     * @return the window
     */
    public static DeliveryWindow daily(LocalTime from, LocalTime to, ZoneId zone) {
        return new DeliveryWindow(EnumSet.allOf(DayOfWeek.class), from, to, zone);
    }

    /**
     * Korea's rule on advertising messages: none 21:00-08:00 Asia/Seoul (so 08:00-21:00 every day), unless the
     * recipients gave separate consent. Only the hours: the "(광고)" prefix and the opt-out notice are the sender's text.
     *
     * @return the window 08:00-21:00 Asia/Seoul, every day
     */
    public static DeliveryWindow koreanAdvertising() {
        return daily(LocalTime.of(8, 0), LocalTime.of(21, 0), SEOUL);
    }

    /**
     * @param at an instant
     * @return whether sends may go at {@code at}
     */
    public boolean isOpen(Instant at) {
        return closesAfter(at) != null;
    }

    /**
     * @param at an instant
     * @return {@code at} if the window is open then, else the next instant it opens
     */
    public Instant nextOpening(Instant at) {
        if (isOpen(at)) {
            return at;
        }
        LocalDate day = at.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i < 10; i++, day = day.plusDays(1)) { // some day in every week opens, gaps aside
            Instant opens = opens(day);
            if (opens != null && opens.isAfter(at) && closes(day).isAfter(opens)) {
                return opens;
            }
        }
        throw new IllegalStateException("unreachable: a window with days opens within a week");
    }

    /**
     * When the window that is open at {@code at} closes, openings that follow at once included.
     *
     * @param at an instant
     * @return when it closes; null if it is closed at {@code at}
     */
    public Instant closesAfter(Instant at) {
        Instant end = null;
        LocalDate day = at.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i < 9; i++, day = day.plusDays(1)) {
            Instant opens = opens(day);
            if (opens == null) {
                continue;
            }
            Instant reachedFrom = end == null ? at : end;
            if (!opens.isAfter(reachedFrom) && closes(day).isAfter(reachedFrom)) {
                end = closes(day); // open at at, or opening again just as the last one closes
            } else if (end != null && opens.isAfter(end)) {
                break;
            }
        }
        return end;
    }

    /**
     * The form {@link #parse} reads: {@code MON,TUE,...;HH:mm;HH:mm;zone}.
     *
     * @return the window as text
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (DayOfWeek day : new TreeSet<>(days)) {
            text.append(text.length() == 0 ? "" : ",").append(day.name(), 0, 3);
        }
        return text.append(';')
                .append(from)
                .append(';')
                .append(to)
                .append(';')
                .append(zone.getId())
                .toString();
    }

    /**
     * Reads what {@link #toString()} wrote.
     *
     * @param text {@code MON,TUE,...;HH:mm;HH:mm;zone}, the days as their first three letters
     * @return the window
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static DeliveryWindow parse(String text) {
        String[] parts = text.split(";");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a delivery window (days;from;to;zone): " + text);
        }
        try {
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (String day : parts[0].split(",")) {
                days.add(dayOf(day.strip()));
            }
            return new DeliveryWindow(
                    days, LocalTime.parse(parts[1].strip()), LocalTime.parse(parts[2].strip()), ZoneId.of(parts[3]));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("not a delivery window (days;from;to;zone): " + text, e);
        }
    }

    private static DayOfWeek dayOf(String name) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().startsWith(name.toUpperCase(java.util.Locale.ROOT)) && name.length() >= 3) {
                return day;
            }
        }
        throw new IllegalArgumentException("not a day of the week: " + name);
    }

    /** When it opens on {@code day}, or null if it does not open that day. */
    private Instant opens(LocalDate day) {
        return days.contains(day.getDayOfWeek()) ? reached(LocalDateTime.of(day, from)) : null;
    }

    private Instant closes(LocalDate day) {
        return reached(LocalDateTime.of(to.isAfter(from) ? day : day.plusDays(1), to));
    }

    /**
     * The first instant the local clock shows or passes {@code local}: in a gap the clocks jump over, the jump
     * itself (not {@link ZonedDateTime#of}'s time moved on by the gap's length, which would close an hour late).
     */
    private Instant reached(LocalDateTime local) {
        ZoneOffsetTransition gap = zone.getRules().getTransition(local);
        return gap != null && gap.isGap()
                ? gap.getInstant()
                : ZonedDateTime.of(local, zone).toInstant();
    }
}
