package io.msgsvc.api;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of an opt-out (suppression) list: a recipient who asked not to receive messages of some kind, from one
 * customer or (global) from anyone on this engine. Deliveries to that address whose message the scope covers end
 * {@link DeliveryState#SKIPPED} when their turn comes, unsent and unbilled.
 *
 * @param customerId the customer whose list holds it, or null for the global list
 * @param address    the recipient's normalised address: a phone number in E.164, an e-mail address in lower case,
 *                   anything else trimmed
 * @param scope      which messages it stops
 * @param reason     why, as given (kept as the skipped delivery's detail), or null
 * @param createdAt  when it was added (or last replaced)
 */
public record OptOut(String customerId, String address, OptOutScope scope, String reason, Instant createdAt) {
    /** The longest reason kept. */
    public static final int MAX_REASON_LENGTH = 200;

    /** The longest normalised address kept. */
    public static final int MAX_ADDRESS_LENGTH = 200;

    /**
     * @param customerId the customer, or null for the global list
     * @param address    the normalised address
     * @param scope      which messages it stops
     * @param reason     why, or null
     * @param createdAt  when it was added
     * @throws NullPointerException if {@code address}, {@code scope} or {@code createdAt} is null
     */
    public OptOut {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** @return true when it is on the global list, which applies to every customer */
    public boolean isGlobal() {
        return customerId == null;
    }

    /**
     * @param kind a message's kind
     * @return true if this entry stops a message of that kind
     */
    public boolean covers(MessageKind kind) {
        return scope.covers(kind);
    }

    /** @return what a delivery it stops keeps as its detail: the scope and the reason, if any */
    public String skipDetail() {
        String list = isGlobal() ? "global opt-out" : "opt-out";
        return list + " (" + scope.name().toLowerCase(Locale.ROOT) + ")"
                + (reason == null || reason.isBlank() ? "" : ": " + reason);
    }
}
