package io.msgsvc;

import io.msgsvc.api.CampaignRules;
import io.msgsvc.api.DeliveryWindow;
import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.LocalSendTime;
import io.msgsvc.api.MessageKind;
import io.msgsvc.api.ReservationRequest;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A request's send time, windows and expiry at registration: the local send time resolved to an instant, the rules
 * stored with the reservation, and the schedules that could never be sent refused, naming the field.
 */
final class CampaignChecks {
    private final CampaignDefaults defaults;

    CampaignChecks(CampaignDefaults defaults) {
        this.defaults = defaults;
    }

    /**
     * The send time asked for, null for now. A local one is resolved as {@link ZonedDateTime#of} does: a time that a
     * daylight-saving change skips moves later by the gap's length, a time that occurs twice takes the earlier offset.
     */
    static Instant requestedSendAt(ReservationRequest request) {
        LocalSendTime local = request.localSendAt();
        if (local == null) {
            return request.sendAt();
        }
        if (request.sendAt() != null) {
            throw new InvalidRequestException(
                    "sendAt", "give either an instant or a local date-time with its zone (localSendAt), not both");
        }
        if (local.dateTime() == null) {
            throw new InvalidRequestException("localSendAt.dateTime", "must not be null");
        }
        if (local.zone() == null) {
            throw new InvalidRequestException("localSendAt.zone", "must not be null");
        }
        return ZonedDateTime.of(local.dateTime(), local.zone()).toInstant();
    }

    /** The rules to store, once the reservation's windows are known to open before its expiry. */
    CampaignRules rules(ReservationRequest request, Instant sendAt, Instant now) {
        Instant expireAt = expireAt(request, sendAt);
        CampaignRules rules = new CampaignRules(
                request.kind() == null ? MessageKind.INFORMATIONAL : request.kind(),
                request.nightConsent(),
                request.localSendAt() == null ? null : request.localSendAt().zone(),
                request.deliveryWindow(),
                expireAt);
        Instant from = sendAt.isAfter(now) ? sendAt : now;
        if (expireAt != null && !expireAt.isAfter(from)) {
            throw new InvalidRequestException(
                    expiryField(request, true),
                    "leaves no time to send: the expiry (" + expireAt + ") is not after "
                            + (sendAt.isAfter(now) ? "the send time (" : "now (") + from + ")");
        }
        if (defaults.windowsFor(rules).isEmpty()) {
            return rules;
        }
        Instant opens = new SendingHours(defaults.windowsFor(rules), expireAt).nextOpening(from);
        if (opens == null) {
            throw new InvalidRequestException(
                    "deliveryWindow", "never opens together with the engine's windows " + defaults.windowsFor(rules));
        }
        if (expireAt != null && !opens.isBefore(expireAt)) {
            throw new InvalidRequestException(
                    expiryField(request, false),
                    "comes at " + expireAt + ", before its delivery windows open (" + opens
                            + "): nothing could be sent");
        }
        return rules;
    }

    /**
     * Refuses, naming {@code sendAt}, a reschedule that would leave nothing to send: the new send time (or now, if it
     * is past) not before the stored expiry, or the delivery windows not opening before it. The stored expiry stands,
     * also when it came from a lateness: a reschedule moves the send time, not the last moment the reservation may
     * still go out.
     */
    void requireReschedulable(CampaignRules rules, Instant sendAt, Instant now) {
        Instant expireAt = rules.expireAt();
        if (expireAt == null) {
            return; // the windows were checked at registration; with no expiry a later send time cannot lose any
        }
        Instant from = sendAt.isAfter(now) ? sendAt : now;
        if (!expireAt.isAfter(from)) {
            throw new InvalidRequestException(
                    "sendAt",
                    "leaves no time to send: the reservation's expiry (" + expireAt + ") is not after "
                            + (sendAt.isAfter(now) ? "the new send time (" : "now (") + from + ")");
        }
        List<DeliveryWindow> windows = defaults.windowsFor(rules);
        Instant opens = windows.isEmpty() ? from : new SendingHours(windows, expireAt).nextOpening(from);
        if (opens == null || !opens.isBefore(expireAt)) {
            throw new InvalidRequestException(
                    "sendAt",
                    "leaves no time to send: the reservation's delivery windows do not open between " + from
                            + " and its expiry (" + expireAt + ")");
        }
    }

    /** The expiry asked for, or given by the engine's default lateness; null for none. */
    private Instant expireAt(ReservationRequest request, Instant sendAt) {
        if (request.expireAt() != null && request.maxLateness() != null) {
            throw new InvalidRequestException("maxLateness", "give either expireAt or maxLateness, not both");
        }
        if (request.expireAt() != null) {
            return request.expireAt();
        }
        Duration lateness = request.maxLateness() != null ? request.maxLateness() : defaults.maxLateness();
        if (lateness == null) {
            return null;
        }
        if (lateness.isNegative() || lateness.isZero()) {
            throw new InvalidRequestException("maxLateness", "must be positive, was " + lateness);
        }
        try {
            return sendAt.plus(lateness);
        } catch (DateTimeException | ArithmeticException tooLong) {
            throw new InvalidRequestException(
                    request.maxLateness() != null ? "maxLateness" : "sendAt", "reaches past the year 9999");
        }
    }

    /** The field a refused expiry names: the send time when it is the one too late. */
    private static String expiryField(ReservationRequest request, boolean sendTimeTooLate) {
        if (request.expireAt() != null) {
            return "expireAt";
        }
        if (!sendTimeTooLate) {
            return request.maxLateness() != null ? "maxLateness" : "sendAt";
        }
        return request.localSendAt() != null ? "localSendAt" : "sendAt";
    }
}
