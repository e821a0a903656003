package io.msgsvc;

import io.msgsvc.api.SendingSpeed;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sending speeds an engine holds, besides each reservation's own ({@code ReservationRequest.sendingSpeed}): one
 * for the whole channel (the gateway's or the account's rate) and one for each customer. Every speed holds across all
 * the engines that share a storage: they take their sends from the same buckets there (see
 * {@link io.msgsvc.spi.SendingPermits}). Immutable: each method returns a new value.
 *
 * <pre>{@code
 * Msgsvc.builder().sendingLimits(SendingLimits.none()
 *         .channel(SendingSpeed.perSecond(2000))
 *         .eachCustomer(SendingSpeed.perSecond(500))
 *         .customer("big-bank", SendingSpeed.perSecond(1500)))
 * }</pre>
 */
public final class SendingLimits {
    private static final SendingLimits NONE = new SendingLimits("channel", null, null, Map.of());

    private final String channelName;
    private final SendingSpeed channel;
    private final SendingSpeed eachCustomer;
    private final Map<String, SendingSpeed> customers;

    private SendingLimits(
            String channelName, SendingSpeed channel, SendingSpeed eachCustomer, Map<String, SendingSpeed> customers) {
        this.channelName = channelName;
        this.channel = channel;
        this.eachCustomer = eachCustomer;
        this.customers = Map.copyOf(customers);
    }

    /** {@return no limit but each reservation's own} (the default) */
    public static SendingLimits none() {
        return NONE;
    }

    /**
     * {@return these limits with a speed for the channel}, all reservations together
     *
     * @param speed the most sends through the channel
     */
    public SendingLimits channel(SendingSpeed speed) {
        return new SendingLimits(channelName, Objects.requireNonNull(speed, "speed"), eachCustomer, customers);
    }

    /**
     * At most this fast through the channel called {@code name}: engines with different channels on one storage name
     * them apart, so each holds its own limit (and its customers' limits apply per channel).
     *
     * @param name  the channel's name, 1 to 40 characters
     * @param speed the most sends through that channel
     * @return these limits with a speed for the named channel
     */
    public SendingLimits channel(String name, SendingSpeed speed) {
        if (name == null || name.isBlank() || name.length() > 40) {
            throw new IllegalArgumentException("channel name must be 1 to 40 characters, was " + name);
        }
        return new SendingLimits(name, Objects.requireNonNull(speed, "speed"), eachCustomer, customers);
    }

    /**
     * {@return these limits with a speed for each customer that has no speed of its own here}
     *
     * @param speed the most sends for one customer
     */
    public SendingLimits eachCustomer(SendingSpeed speed) {
        return new SendingLimits(channelName, channel, Objects.requireNonNull(speed, "speed"), customers);
    }

    /**
     * {@return these limits with a speed for one customer}, instead of {@link #eachCustomer}
     *
     * @param customerId the customer
     * @param speed      the most sends for that customer
     */
    public SendingLimits customer(String customerId, SendingSpeed speed) {
        Objects.requireNonNull(customerId, "customerId");
        Map<String, SendingSpeed> more = new HashMap<>(customers);
        more.put(customerId, Objects.requireNonNull(speed, "speed"));
        return new SendingLimits(channelName, channel, eachCustomer, more);
    }

    String channelName() {
        return channelName;
    }

    Optional<SendingSpeed> forChannel() {
        return Optional.ofNullable(channel);
    }

    Optional<SendingSpeed> forCustomer(String customerId) {
        return Optional.ofNullable(customers.getOrDefault(customerId, eachCustomer));
    }

    @Override
    public String toString() {
        return "SendingLimits[" + channelName + "=" + channel + ", eachCustomer=" + eachCustomer + ", customers="
                + customers + "]";
    }
}
