package io.msgsvc.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * What a customer asks for: a message, an ordered recipient list, a send time.
 * The builder accepts anything; the engine validates on {@code reserve} and names the field at fault.
 */
public final class ReservationRequest {
    private final String customerId;
    private final String subject;
    private final String text;
    private final List<String> recipients;
    private final Instant sendAt;
    private final String idempotencyKey;
    private final SendingSpeed sendingSpeed;

    private ReservationRequest(Builder b) {
        this.customerId = b.customerId;
        this.subject = b.subject;
        this.text = b.text;
        // null elements must survive so validation can name them
        this.recipients = b.recipients == null ? null : Collections.unmodifiableList(new ArrayList<>(b.recipients));
        this.sendAt = b.sendAt;
        this.idempotencyKey = b.idempotencyKey;
        this.sendingSpeed = b.sendingSpeed;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String customerId() {
        return customerId;
    }

    /** May be null. */
    public String subject() {
        return subject;
    }

    public String text() {
        return text;
    }

    /** In sending order; may be null or hold nulls when the caller gave them (validation reports it). */
    public List<String> recipients() {
        return recipients;
    }

    /** Null means "now". */
    public Instant sendAt() {
        return sendAt;
    }

    /** May be null. A retried call with the same key and the same request returns the same reservation. */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** May be null: no limit of its own (the channel's and the customer's still hold). */
    public SendingSpeed sendingSpeed() {
        return sendingSpeed;
    }

    @Override
    public String toString() {
        return "ReservationRequest[customerId=" + customerId + ", recipients="
                + (recipients == null ? null : recipients.size()) + ", sendAt=" + sendAt
                + ", idempotencyKey=" + idempotencyKey + "]";
    }

    public static final class Builder {
        private String customerId;
        private String subject;
        private String text;
        private List<String> recipients;
        private Instant sendAt;
        private String idempotencyKey;
        private SendingSpeed sendingSpeed;

        private Builder() {}

        public Builder customerId(String customerId) {
            this.customerId = customerId;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder text(String text) {
            this.text = text;
            return this;
        }

        public Builder recipients(Collection<String> recipients) {
            this.recipients = recipients == null ? null : new ArrayList<>(recipients);
            return this;
        }

        public Builder recipients(String... recipients) {
            return recipients(recipients == null ? null : java.util.Arrays.asList(recipients));
        }

        public Builder sendAt(Instant sendAt) {
            this.sendAt = sendAt;
            return this;
        }

        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /** At most this fast, e.g. {@code SendingSpeed.perMinute(100)}; default none of its own. */
        public Builder sendingSpeed(SendingSpeed sendingSpeed) {
            this.sendingSpeed = sendingSpeed;
            return this;
        }

        public ReservationRequest build() {
            return new ReservationRequest(this);
        }
    }
}
