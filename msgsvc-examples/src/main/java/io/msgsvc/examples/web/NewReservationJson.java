package io.msgsvc.examples.web;

import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.MessageKind;
import io.msgsvc.api.Recipient;
import io.msgsvc.api.SendingSpeed;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Body of {@code POST /api/reservations}. {@code sendAt} is an ISO-8601 instant in a JSON string (e.g.
 * {@code "2026-05-01T09:00:00Z"} or with an offset, {@code "2026-05-01T18:00:00+09:00"}); absent or null means now.
 * It is read as text and parsed here, because Jackson would also take a number (epoch seconds) or {@code ""}.
 * {@code sendingSpeed}, optional, paces this reservation: {@code {"messages": 100, "per": "minute"}} ({@code per}:
 * {@code second}, {@code minute} or {@code hour}). Each of {@code recipients} is a string or, to fill the text's
 * {@code #{name}} placeholders, an object {@code {"to": "...", "variables": {"name": "Kim"}}} ({@link RecipientJson}).
 * {@code kind}, optional: {@code "informational"} (the default) or {@code "advertising"}; {@code nightConsent},
 * optional: the recipients' separate consent to advertising at night.
 * Instead of {@code sendAt}, {@code reserveTime} ({@code "2026-05-01 18:00"}) with {@code reserveTimeZone} (default
 * {@code Asia/Seoul}), as Naver SENS takes them. {@code deliveryWindow}, optional, and {@code expireAt} (an instant)
 * or {@code maxLateness} (an ISO-8601 duration such as {@code "PT6H"}): see {@link CampaignScheduleJson}.
 */
public record NewReservationJson(
        String subject,
        String text,
        List<RecipientJson> recipients,
        String sendAt,
        SendingSpeedJson sendingSpeed,
        String kind,
        Boolean nightConsent,
        String reserveTime,
        String reserveTimeZone,
        DeliveryWindowJson deliveryWindow,
        String expireAt,
        String maxLateness) {

    /** The recipients as the engine takes them, each with its variables; null when none were given. */
    List<Recipient> recipientList() {
        return recipients == null
                ? null
                : recipients.stream().map(RecipientJson::toRecipient).toList();
    }

    /** A reservation's own sending speed, as the API writes it. */
    public record SendingSpeedJson(Integer messages, String per) {
        static SendingSpeedJson of(SendingSpeed speed) {
            return speed == null
                    ? null
                    : new SendingSpeedJson(
                            speed.messages(),
                            speed.per().name().toLowerCase(Locale.ROOT).replaceAll("s$", ""));
        }

        SendingSpeed toSpeed() {
            if (messages == null || messages < 1 || messages > SendingSpeed.MAX_MESSAGES) {
                throw new InvalidRequestException(
                        "sendingSpeed.messages", "must be a whole number from 1 to " + SendingSpeed.MAX_MESSAGES);
            }
            ChronoUnit unit = per == null
                    ? null
                    : switch (per) {
                        case "second" -> ChronoUnit.SECONDS;
                        case "minute" -> ChronoUnit.MINUTES;
                        case "hour" -> ChronoUnit.HOURS;
                        default -> null;
                    };
            if (unit == null) {
                throw new InvalidRequestException("sendingSpeed.per", "must be \"second\", \"minute\" or \"hour\"");
            }
            return new SendingSpeed(messages, unit);
        }
    }

    /** The reservation's own sending speed, null for none. */
    SendingSpeed speed() {
        return sendingSpeed == null ? null : sendingSpeed.toSpeed();
    }

    /** What the message is for. */
    MessageKind messageKind() {
        if (kind == null) {
            return MessageKind.INFORMATIONAL;
        }
        return switch (kind) {
            case "informational" -> MessageKind.INFORMATIONAL;
            case "advertising" -> MessageKind.ADVERTISING;
            default ->
                throw new InvalidRequestException(
                        "kind", "must be \"informational\" or \"advertising\", was " + quoted(kind));
        };
    }

    /** The send time asked for as a local time, or null. */
    LocalDateTime localSendTime() {
        return CampaignScheduleJson.reserveTime(reserveTime, reserveTimeZone, sendAt);
    }

    /** The zone of {@link #localSendTime()}, or null without one. */
    ZoneId localSendZone() {
        return reserveTime == null ? null : CampaignScheduleJson.reserveTimeZone(reserveTimeZone);
    }

    /** The send time asked for, null for now. */
    Instant sendTime() {
        return parseSendAt(sendAt);
    }

    /** An ISO-8601 instant as the API takes it for {@code sendAt}, null for null. */
    static Instant parseSendAt(String sendAt) {
        if (sendAt == null) {
            return null;
        }
        try {
            return Instant.parse(sendAt);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(
                    "sendAt", "must be an ISO-8601 instant such as 2026-05-01T09:00:00Z, was " + quoted(sendAt));
        }
    }

    private static String quoted(String value) {
        return '"' + (value.length() <= 40 ? value : value.substring(0, 37) + "...") + '"';
    }
}
