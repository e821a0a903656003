package io.msgsvc;

import io.msgsvc.api.CampaignRules;
import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Recipient;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.SendingSpeed;
import io.msgsvc.spi.NewReservation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Turns a request into a storable reservation, or says which field is wrong. Stores nothing itself. */
final class RequestValidator {
    static final int MAX_CUSTOMER_ID_LENGTH = 128;
    static final int MAX_SUBJECT_LENGTH = 998;
    static final int MAX_RECIPIENT_LENGTH = 320;
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;
    /** Databases store years up to 9999; earlier than 1970 is surely a mistake. */
    static final Instant EARLIEST_SEND_AT = Instant.EPOCH;

    static final Instant LATEST_SEND_AT = Instant.parse("9999-12-31T00:00:00Z");
    /** A hard cap on stored text, whatever the content policy says. */
    static final int MAX_TEXT_LENGTH = 65_536;

    private final RecipientPolicy recipientPolicy;
    private final ContentPolicy contentPolicy;
    private final MessageChannel channel;
    private final Tracing tracing;
    private final CampaignChecks campaign;

    RequestValidator(EngineConfig config) {
        this.recipientPolicy = config.recipientPolicy();
        this.contentPolicy = config.contentPolicy();
        this.channel = config.channel();
        this.tracing = config.tracing();
        this.campaign = new CampaignChecks(config.campaignDefaults());
    }

    NewReservation validate(ReservationRequest request, Instant now) {
        if (request == null) {
            throw new InvalidRequestException("request", "must not be null");
        }
        String customerId = requireTrimmed("customerId", request.customerId(), MAX_CUSTOMER_ID_LENGTH);
        String subject =
                request.subject() == null ? null : requireText("subject", request.subject(), MAX_SUBJECT_LENGTH);
        if (request.text() == null) {
            throw new InvalidRequestException("text", "must not be null");
        }
        if (request.text().isBlank()) {
            throw new InvalidRequestException("text", "must not be blank");
        }
        if (request.text().length() > MAX_TEXT_LENGTH) {
            throw new InvalidRequestException(
                    "text",
                    "is " + request.text().length() + " characters long, more than the maximum of " + MAX_TEXT_LENGTH);
        }
        RecipientVariables variables = RecipientVariables.forText(request.text());
        contentPolicy.checkAtRegistration(subject, request.text(), channel); // with failFast(); renderings below
        List<String> recipients = recipients(request.recipientList(), variables);
        String key = request.idempotencyKey() == null
                ? null
                : requireTrimmed("idempotencyKey", request.idempotencyKey(), MAX_IDEMPOTENCY_KEY_LENGTH);
        Instant requested = CampaignChecks.requestedSendAt(request); // an instant or a local time in its zone
        if (requested != null) {
            requireSendAt(request.localSendAt() == null ? "sendAt" : "localSendAt", requested);
        }
        rejectIllFormed("text", request.text());
        Instant sendAt = requested == null ? now : requested;
        CampaignRules rules = campaign.rules(request, sendAt, now);
        ReservationId id = ReservationId.random();
        return new NewReservation(
                id,
                customerId,
                subject,
                request.text(),
                recipients,
                sendAt,
                now,
                key,
                fingerprint(
                        customerId,
                        subject,
                        request.text(),
                        recipients,
                        requested,
                        request.sendingSpeed(),
                        asked(rules, request),
                        variables),
                request.sendingSpeed(),
                tracing.capture(id), // the caller's trace, for the sends and projections to continue
                rules,
                variables.toStore());
    }

    private List<String> recipients(List<Recipient> given, RecipientVariables variables) {
        if (given == null) {
            throw new InvalidRequestException("recipients", "must not be null");
        }
        if (given.isEmpty()) {
            throw new InvalidRequestException("recipients", "must not be empty");
        }
        if (given.size() > recipientPolicy.maxRecipients()) {
            throw new InvalidRequestException(
                    "recipients",
                    "has " + given.size() + " entries, more than the limit of " + recipientPolicy.maxRecipients());
        }
        List<String> result = new ArrayList<>(given.size());
        Map<String, Integer> firstIndex = recipientPolicy.duplicates() == RecipientPolicy.Duplicates.ALLOW
                ? null
                : new HashMap<>(given.size() * 2);
        for (int i = 0; i < given.size(); i++) {
            String field = "recipients[" + i + "]";
            Recipient entry = given.get(i);
            String recipient = requireText(field, entry == null ? null : entry.address(), MAX_RECIPIENT_LENGTH)
                    .strip();
            if (firstIndex != null) {
                Integer first = firstIndex.putIfAbsent(recipient, i);
                if (first != null) {
                    if (recipientPolicy.duplicates() == RecipientPolicy.Duplicates.REJECT) {
                        throw new InvalidRequestException(
                                field, "'" + recipient + "' repeats recipients[" + first + "]");
                    }
                    continue;
                }
            }
            variables.keep(i, entry);
            String rendering = contentPolicy.enforcedAtRegistration() ? variables.rendering(entry) : null;
            if (rendering != null) { // failFast(): sized as its send will be
                contentPolicy.checkRenderingAtRegistration(field, rendering, channel);
            }
            result.add(recipient);
        }
        return result;
    }

    static String requireText(String field, String value, int maxLength) {
        if (value == null) {
            throw new InvalidRequestException(field, "must not be null");
        }
        if (value.isBlank()) {
            throw new InvalidRequestException(field, "must not be blank");
        }
        if (value.length() > maxLength) {
            throw new InvalidRequestException(
                    field, "is " + value.length() + " characters long, more than the maximum of " + maxLength);
        }
        rejectIllFormed(field, value);
        return value;
    }

    /** Ids with surrounding blanks are refused rather than trimmed: some databases compare "a" and "a " equal. */
    static String requireTrimmed(String field, String value, int maxLength) {
        String text = requireText(field, value, maxLength);
        if (!text.strip().equals(text)) {
            throw new InvalidRequestException(field, "must not start or end with white space");
        }
        return text;
    }

    /**
     * NUL cannot be stored by PostgreSQL and is never meant; a lone UTF-16 surrogate is no character at all (UTF-8
     * cannot encode it, so two such texts would read alike to the request fingerprint and to the database).
     */
    static void rejectIllFormed(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                throw new InvalidRequestException(field, "must not contain the NUL character");
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidRequestException(field, "is not well-formed Unicode: a lone surrogate at index " + i);
            }
        }
    }

    /** Digest of the request as asked (an absent send time stays absent), so a retry matches its original. */
    private static String fingerprint(
            String customerId,
            String subject,
            String text,
            List<String> recipients,
            Instant requestedSendAt,
            SendingSpeed speed,
            String askedRules,
            RecipientVariables variables) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, customerId);
            update(digest, subject);
            update(digest, text);
            update(digest, requestedSendAt == null ? null : requestedSendAt.toString());
            for (String recipient : recipients) {
                update(digest, recipient);
            }
            if (speed != null) { // only then: fingerprints stored before speeds existed stay the same
                update(digest, "sendingSpeed=" + speed); // tagged: no recipient can pass for it
            }
            if (askedRules != null) { // only then, as for speeds
                update(digest, "rules=" + askedRules);
            }
            variables.addTo(digest);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    static void update(MessageDigest digest, String value) {
        if (value == null) {
            digest.update((byte) 0);
        } else {
            digest.update((byte) 1);
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            digest.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
            digest.update(bytes);
        }
    }

    /** A send time as a new reservation's or a reschedule's: not null, and within the range a store keeps. */
    static Instant requireSendAt(Instant sendAt) {
        return requireSendAt("sendAt", sendAt);
    }

    /** The same, naming {@code field}: a local send time is refused as the request gave it. */
    static Instant requireSendAt(String field, Instant sendAt) {
        if (sendAt == null) {
            throw new InvalidRequestException(field, "must not be null");
        }
        if (sendAt.isBefore(EARLIEST_SEND_AT) || sendAt.isAfter(LATEST_SEND_AT)) {
            throw new InvalidRequestException(
                    field, "must be between " + EARLIEST_SEND_AT + " and " + LATEST_SEND_AT + ", was " + sendAt);
        }
        return sendAt;
    }

    /** A customer id as queries take it: as at registration, since some databases compare "acme" and "acme " equal. */
    /**
     * The rules as the request gave them, for its fingerprint: an expiry the engine worked out from the time of the
     * call (now plus a lateness) would make a retry of the same request differ from its original.
     */
    private static String asked(CampaignRules rules, ReservationRequest request) {
        String encoded = new CampaignRules(
                        rules.kind(), rules.nightConsent(), rules.zone(), rules.window(), request.expireAt())
                .encoded();
        return request.maxLateness() == null
                ? encoded
                : (encoded == null ? "" : encoded) + "maxLateness=" + request.maxLateness() + "\n";
    }

    static String requireCustomer(String customerId) {
        if (customerId == null || customerId.isBlank()) {
            throw new InvalidRequestException("customerId", "must not be blank");
        }
        if (customerId.length() > MAX_CUSTOMER_ID_LENGTH) {
            throw new InvalidRequestException(
                    "customerId",
                    "is " + customerId.length() + " characters long, more than " + MAX_CUSTOMER_ID_LENGTH);
        }
        if (!customerId.strip().equals(customerId)) {
            throw new InvalidRequestException("customerId", "must not start or end with white space");
        }
        rejectIllFormed("customerId", customerId);
        return customerId;
    }

    static PageRequest requirePage(PageRequest page) {
        if (page == null) {
            throw new InvalidRequestException("page", "must not be null");
        }
        return page;
    }

    static void requireRange(Instant from, Instant to) {
        if (from == null) {
            throw new InvalidRequestException("from", "must not be null");
        }
        if (to == null) {
            throw new InvalidRequestException("to", "must not be null");
        }
        if (to.isBefore(from)) {
            throw new InvalidRequestException("to", "must not be before from (" + from + "), was " + to);
        }
    }
}
