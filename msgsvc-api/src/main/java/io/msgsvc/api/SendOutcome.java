package io.msgsvc.api;

import java.util.Objects;

/** A channel's answer to one send. */
public sealed interface SendOutcome {

    /** The provider took the message: the delivery is sent and billed. */
    record Accepted(String providerReference) implements SendOutcome {}

    /** The provider will never take it (bad number, blocked recipient): failed, not retried, not billed. */
    record PermanentFailure(String reason) implements SendOutcome {
        public PermanentFailure {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Try again later (throttled, gateway down): retried with backoff up to the retry limit. */
    record TransientFailure(String reason) implements SendOutcome {
        public TransientFailure {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static SendOutcome accepted(String providerReference) {
        return new Accepted(providerReference);
    }

    static SendOutcome permanentFailure(String reason) {
        return new PermanentFailure(reason);
    }

    static SendOutcome transientFailure(String reason) {
        return new TransientFailure(reason);
    }
}
