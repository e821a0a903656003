package io.msgsvc.api;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The rules a reservation is sent under beyond its recipients and text: what kind of message it is, and what its
 * sender states about the recipients' consent. Stored with the reservation; storages that keep it as text use
 * {@link #encoded()} and {@link #decode(String)}.
 *
 * @param kind         what the message is for, not null
 * @param nightConsent the request states that its recipients gave separate consent to advertising at night (Korea's
 *                     rule forbids advertising 21:00-08:00 without it)
 * @param zone         the zone its send time was given in (a local send time), or null when it was given as an instant
 * @param window       when its sends may go, besides the engine's windows, or null for no window of its own
 * @param expireAt     recipients not sent by then are not sent (they end {@link DeliveryState#EXPIRED_UNSENT}), or
 *                     null for never
 */
public record CampaignRules(
        MessageKind kind, boolean nightConsent, ZoneId zone, DeliveryWindow window, Instant expireAt) {
    /** An informational message, no consent stated: what a request that says nothing is sent under. */
    public static final CampaignRules DEFAULT = new CampaignRules(MessageKind.INFORMATIONAL, false);

    /**
     * @param kind         what the message is for, not null
     * @param nightConsent the request states the recipients' separate consent to advertising at night
     * @param zone         the zone its send time was given in, or null
     * @param window       its own delivery window, or null
     * @param expireAt     when its unsent recipients expire, or null
     * @throws NullPointerException if {@code kind} is null
     */
    public CampaignRules {
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * Without a zone, a window or an expiry.
     *
     * @param kind         what the message is for, not null
     * @param nightConsent the request states the recipients' separate consent to advertising at night
     */
    public CampaignRules(MessageKind kind, boolean nightConsent) {
        this(kind, nightConsent, null, null, null);
    }

    /**
     * The rules as {@code name=value} lines, only those that differ from {@link #DEFAULT}.
     *
     * @return the encoded form; null for {@link #DEFAULT}, so most stored reservations carry nothing
     */
    public String encoded() {
        Map<String, String> fields = new LinkedHashMap<>();
        if (kind != DEFAULT.kind) {
            fields.put("kind", kind.name());
        }
        if (nightConsent) {
            fields.put("nightConsent", "true");
        }
        if (zone != null) {
            fields.put("zone", zone.getId());
        }
        if (window != null) {
            fields.put("window", window.toString());
        }
        if (expireAt != null) {
            fields.put("expireAt", expireAt.toString());
        }
        if (fields.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        fields.forEach(
                (name, value) -> text.append(name).append('=').append(value).append('\n'));
        return text.toString();
    }

    /**
     * The rules {@link #encoded()} wrote. Names it does not know are ignored, so a newer engine's rules stay
     * readable by an older one.
     *
     * @param text the encoded form; null or empty gives {@link #DEFAULT}
     * @return the rules
     * @throws IllegalArgumentException if a line is not {@code name=value} or a value is not one the rule takes
     */
    public static CampaignRules decode(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("not an encoded campaign rule line: " + line);
            }
            fields.put(line.substring(0, equals), line.substring(equals + 1));
        }
        String zone = fields.get("zone");
        String window = fields.get("window");
        String expireAt = fields.get("expireAt");
        try {
            return new CampaignRules(
                    MessageKind.valueOf(fields.getOrDefault("kind", DEFAULT.kind.name())),
                    Boolean.parseBoolean(fields.getOrDefault("nightConsent", "false")),
                    zone == null ? null : ZoneId.of(zone),
                    window == null ? null : DeliveryWindow.parse(window),
                    expireAt == null ? null : Instant.parse(expireAt));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("not an encoded campaign rule: " + e.getMessage(), e);
        }
    }
}
