package io.msgsvc;

import io.msgsvc.api.CampaignRules;
import io.msgsvc.api.DeliveryWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When one reservation's sends may go: within every window that applies to it (its own, the engine's, Korea's
 * advertising hours), and not after its expiry. A dispatch asks before each send; the answer is kept until the
 * windows close, so an open window costs no time-zone arithmetic per send.
 */
final class SendingHours {
    /** Windows repeat every week; no common opening within this long means none ever. */
    private static final Duration HORIZON = Duration.ofDays(15);

    private static final int MOST_STEPS = 500;

    private final List<DeliveryWindow> windows;
    private final Instant expireAt;
    /** Before this instant every window is known to be open. */
    private Instant openUntil = Instant.MIN;

    SendingHours(List<DeliveryWindow> windows, Instant expireAt) {
        this.windows = List.copyOf(windows);
        this.expireAt = expireAt;
    }

    static SendingHours of(CampaignDefaults defaults, CampaignRules rules) {
        return new SendingHours(defaults.windowsFor(rules), rules.expireAt());
    }

    /** Whether there is anything to ask: a window or an expiry. */
    boolean applies() {
        return expireAt != null || !windows.isEmpty();
    }

    boolean expired(Instant now) {
        return expireAt != null && !now.isBefore(expireAt);
    }

    Instant expireAt() {
        return expireAt;
    }

    /** Null if sends may go at {@code now}; else when the reservation is due again: the next opening or its expiry. */
    Instant closedUntil(Instant now) {
        if (expired(now)) {
            return now;
        }
        if (windows.isEmpty() || now.isBefore(openUntil)) {
            return null;
        }
        Instant opens = nextOpening(now);
        if (now.equals(opens)) {
            openUntil = closesAfter(now);
            return null;
        }
        if (opens
                == null) { // the windows no longer meet (zones moved apart, or the engine's changed): wait, never send
            return expireAt != null ? expireAt : now.plus(HORIZON);
        }
        return expireAt != null && opens.isAfter(expireAt) ? expireAt : opens;
    }

    /**
     * The first instant from {@code from} on at which every window is open; null if they never open together (or,
     * with no expiry to bound the wait, not within a week and then some, which for weekly windows means never).
     */
    Instant nextOpening(Instant from) {
        Instant at = from;
        Instant horizon = from.plus(HORIZON);
        for (int step = 0; step < MOST_STEPS && at.isBefore(horizon); step++) {
            Instant moved = at;
            for (DeliveryWindow window : windows) {
                moved = window.nextOpening(moved);
            }
            if (moved.equals(at)) {
                return at;
            }
            at = moved;
        }
        return null;
    }

    /** When the first of the windows, all open at {@code at}, closes; {@link Instant#MAX} without windows. */
    Instant closesAfter(Instant at) {
        Instant first = Instant.MAX;
        for (DeliveryWindow window : windows) {
            Instant closes = window.closesAfter(at);
            first = closes != null && closes.isBefore(first) ? closes : first;
        }
        return first;
    }
}
