package io.msgsvc.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What a customer asks for: a message, an ordered recipient list, a send time.
 * The builder accepts anything; the engine validates on {@code reserve} and names the field at fault.
 */
public final class ReservationRequest {
    private final String customerId;
    private final String subject;
    private final String text;
    private final List<String> recipients; // null elements kept, so validation can name them
    /** The recipients with their variables; null when the recipients are. */
    private final List<Recipient> recipientList;

    private final Instant sendAt;
    private final String idempotencyKey;
    private final SendingSpeed sendingSpeed;
    private final MessageKind kind;
    private final boolean nightConsent;
    private final LocalSendTime localSendAt;
    private final DeliveryWindow deliveryWindow;
    private final Instant expireAt;
    private final Duration maxLateness;

    private ReservationRequest(Builder b) {
        this.customerId = b.customerId;
        this.subject = b.subject;
        this.text = b.text;
        this.recipients = b.recipients == null ? null : Collections.unmodifiableList(new ArrayList<>(b.recipients));
        this.recipientList =
                b.recipients == null ? null : Collections.unmodifiableList(Recipient.listOf(b.recipients, b.variables));
        this.sendAt = b.sendAt;
        this.idempotencyKey = b.idempotencyKey;
        this.sendingSpeed = b.sendingSpeed;
        this.kind = b.kind;
        this.nightConsent = b.nightConsent;
        this.localSendAt = b.localSendAt;
        this.deliveryWindow = b.deliveryWindow;
        this.expireAt = b.expireAt;
        this.maxLateness = b.maxLateness;
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whose reservation it is, as given (the engine requires it) */
    public String customerId() {
        return customerId;
    }

    /** @return the subject, for channels that have one (e-mail); may be null */
    public String subject() {
        return subject;
    }

    /** @return the message sent to every recipient, as given (the engine requires it) */
    public String text() {
        return text;
    }

    /** @return the recipients in sending order, unmodifiable; may be null or hold nulls as given */
    public List<String> recipients() {
        return recipients;
    }

    /**
     * The recipients as {@link #recipients()} has them, each with its variables (empty for one given without); may be
     * null or hold nulls when the caller gave them (validation reports it).
     *
     * @return the recipients with their variables, in sending order, unmodifiable
     */
    public List<Recipient> recipientList() {
        return recipientList;
    }

    /** @return when to begin sending; null for now */
    public Instant sendAt() {
        return sendAt;
    }

    /** @return the customer's key for this request, or null: a retry with it returns the same reservation */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** @return the most this reservation may be sent at; null for no limit of its own */
    public SendingSpeed sendingSpeed() {
        return sendingSpeed;
    }

    /** @return what the message is for; null for {@link MessageKind#INFORMATIONAL} */
    public MessageKind kind() {
        return kind;
    }

    /** @return whether the request states its recipients' separate consent to advertising at night */
    public boolean nightConsent() {
        return nightConsent;
    }

    /** @return the send time as a local date-time in a zone, or null; not with {@link #sendAt()} */
    public LocalSendTime localSendAt() {
        return localSendAt;
    }

    /** @return when this reservation's sends may go; null when only the engine's windows apply */
    public DeliveryWindow deliveryWindow() {
        return deliveryWindow;
    }

    /** @return when recipients not yet sent are given up, or null; not with {@link #maxLateness()} */
    public Instant expireAt() {
        return expireAt;
    }

    /** @return how long after the send time unsent recipients are given up, or null; not with {@link #expireAt()} */
    public Duration maxLateness() {
        return maxLateness;
    }

    @Override
    public String toString() {
        return "ReservationRequest[customerId=" + customerId + ", recipients="
                + (recipients == null ? null : recipients.size()) + ", sendAt=" + sendAt + ", idempotencyKey="
                + idempotencyKey + "]";
    }

    /**
     * Collects a request's fields; not thread-safe. Every setter returns this builder, and the last call wins, except
     * that {@link #recipient(String, Map)} adds to the recipients set so far.
     */
    public static final class Builder {
        private String customerId;
        private String subject;
        private String text;
        private List<String> recipients;
        /** Beside {@code recipients}, each one given with variables (null for the others); null when none was. */
        private List<Recipient> variables;

        private Instant sendAt;
        private String idempotencyKey;
        private SendingSpeed sendingSpeed;
        private MessageKind kind;
        private boolean nightConsent;
        private LocalSendTime localSendAt;
        private DeliveryWindow deliveryWindow;
        private Instant expireAt;
        private Duration maxLateness;

        private Builder() {}

        /**
         * @param customerId whose reservation it is: required, without surrounding white space
         * @return this builder
         */
        public Builder customerId(String customerId) {
            this.customerId = customerId;
            return this;
        }

        /**
         * @param subject a subject for channels that have one, or null for none
         * @return this builder
         */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /**
         * @param text the message: required, not blank
         * @return this builder
         */
        public Builder text(String text) {
            this.text = text;
            return this;
        }

        /**
         * @param recipients in sending order: required, not empty; copied
         * @return this builder
         */
        public Builder recipients(Collection<String> recipients) {
            this.recipients = recipients == null ? null : new ArrayList<>(recipients);
            this.variables = null;
            return this;
        }

        /**
         * Sets the recipients with the values of the text's placeholders for each (see {@link Recipient}).
         *
         * @param recipients in sending order: required, not empty; copied
         * @return this builder
         */
        public Builder recipientList(Collection<Recipient> recipients) {
            if (recipients == null) {
                return recipients((Collection<String>) null);
            }
            this.recipients = new ArrayList<>(recipients.size());
            this.variables = new ArrayList<>(recipients.size());
            for (Recipient recipient : recipients) {
                this.recipients.add(recipient == null ? null : recipient.address());
                this.variables.add(recipient);
            }
            return this;
        }

        /**
         * Adds one recipient, after those set so far, with the values of the text's placeholders for it (see
         * {@link Recipient}).
         *
         * @param address   whom to send to
         * @param variables the values of the text's placeholders for this recipient, by name; copied
         * @return this builder
         */
        public Builder recipient(String address, Map<String, String> variables) {
            if (recipients == null) {
                recipients = new ArrayList<>();
            }
            if (this.variables == null) {
                this.variables = new ArrayList<>(Collections.nCopies(recipients.size(), null));
            }
            recipients.add(address);
            this.variables.add(new Recipient(address, variables));
            return this;
        }

        /**
         * @param recipients in sending order: required, not empty; copied
         * @return this builder
         */
        public Builder recipients(String... recipients) {
            return recipients(recipients == null ? null : java.util.Arrays.asList(recipients));
        }

        /**
         * @param sendAt when to begin sending; null (the default) for now
         * @return this builder
         */
        public Builder sendAt(Instant sendAt) {
            this.sendAt = sendAt;
            return this;
        }

        /**
         * @param idempotencyKey the customer's key for this request, or null (the default) for none: a retried
         *                       {@code reserve} with the same key and request returns the reservation made first
         * @return this builder
         */
        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /**
         * @param sendingSpeed at most this fast, e.g. {@code SendingSpeed.perMinute(100)}; null (the default) for no
         *                     limit of its own
         * @return this builder
         */
        public Builder sendingSpeed(SendingSpeed sendingSpeed) {
            this.sendingSpeed = sendingSpeed;
            return this;
        }

        /**
         * @param kind what the message is for; null (the default) for {@link MessageKind#INFORMATIONAL}
         * @return this builder
         */
        public Builder kind(MessageKind kind) {
            this.kind = kind;
            return this;
        }

        /**
         * @param nightConsent true when the sender holds every recipient's separate consent to advertising at night,
         *                     which Korea's rule (no ad sends 21:00-08:00 Asia/Seoul) requires; default false
         * @return this builder
         */
        public Builder nightConsent(boolean nightConsent) {
            this.nightConsent = nightConsent;
            return this;
        }

        /**
         * The send time as a wall-clock time in {@code zone}, kept with the reservation. The engine resolves it to an
         * instant as {@link java.time.ZonedDateTime#of} does: a time a daylight-saving change skips is moved later by
         * the gap's length (02:30 on a spring-forward night of one hour is 03:30), and a time that occurs twice is
         * taken at its earlier offset (the first 02:30 of an autumn night). Instead of {@link #sendAt(Instant)}.
         *
         * @param dateTime the local date-time; null for none
         * @param zone     its zone
         * @return this builder
         */
        public Builder sendAt(LocalDateTime dateTime, ZoneId zone) {
            this.localSendAt = dateTime == null && zone == null ? null : new LocalSendTime(dateTime, zone);
            return this;
        }

        /**
         * When this reservation's sends may go; outside it they wait for its next opening. The engine's windows
         * (see {@code CampaignDefaults}) apply as well.
         *
         * @param window the window, or null (the default) for none of its own
         * @return this builder
         */
        public Builder deliveryWindow(DeliveryWindow window) {
            this.deliveryWindow = window;
            return this;
        }

        /**
         * Recipients not sent by then are not sent: they end {@link DeliveryState#EXPIRED_UNSENT}, never billed
         * (sends in flight then still end and count). A reservation whose windows cannot open before it is refused.
         *
         * @param expireAt when to give up, or null (the default) for never; not with {@link #maxLateness}
         * @return this builder
         */
        public Builder expireAt(Instant expireAt) {
            this.expireAt = expireAt;
            return this;
        }

        /**
         * @param maxLateness as {@link #expireAt}, relative to the send time (one already this late is refused):
         *                    positive, or null (the default) for no limit
         * @return this builder
         */
        public Builder maxLateness(Duration maxLateness) {
            this.maxLateness = maxLateness;
            return this;
        }

        /** @return a new request as it stands; nothing is checked until {@code reserve} */
        public ReservationRequest build() {
            return new ReservationRequest(this);
        }
    }
}
