package io.msgsvc;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an engine does. One process may play every role (the default) or only some, with the others played by
 * engines in other processes that share the database and an event transport such as Kafka.
 */
public enum Role {
    /** Claims due reservations and sends them (with the content policy and compensation). */
    SENDER(null),
    /** Moves committed events from the outbox to the event transport. */
    RELAY(null),
    /** Keeps each reservation's status and counts; tells event listeners. */
    STATUS("status"),
    /** Keeps the billing ledger; tells listeners of each charge. */
    BILLING("billing"),
    /** Keeps the statistics; tells listeners of each count. */
    STATISTICS("statistics"),
    /** Keeps the dashboard read model; tells dashboard listeners. */
    DASHBOARD("dashboard");

    /**
     * The roles that project events, in the order one engine applies them: billing and statistics before status
     * and dashboard, so whoever sees a final status sees its charges and counts too.
     */
    public static final List<Role> PROJECTIONS = List.of(BILLING, STATISTICS, STATUS, DASHBOARD);

    private final String consumerName;

    Role(String consumerName) {
        this.consumerName = consumerName;
    }

    /** {@return the name under which this role consumes events (consumer group, applied-event records), or null} */
    public String consumerName() {
        return consumerName;
    }

    /**
     * The name one consumer of several projection roles subscribes under (a broker's consumer group is named after
     * it): their names joined with {@code +} in {@link #PROJECTIONS} order, as in
     * {@code billing+statistics+status+dashboard}; for one role its own {@link #consumerName()}.
     *
     * @param roles projection roles
     * @return the consumer's name
     */
    public static String consumerName(Collection<Role> roles) {
        return PROJECTIONS.stream()
                .filter(roles::contains)
                .map(Role::consumerName)
                .collect(Collectors.joining("+"));
    }

    /** {@return whether this role consumes events}: the projections do, the sender and the relay do not */
    public boolean consumesEvents() {
        return consumerName != null;
    }
}
