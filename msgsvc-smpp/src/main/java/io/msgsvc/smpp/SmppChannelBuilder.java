package io.msgsvc.smpp;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Configures an {@link SmppChannel}. Every setting but the server and the account has a default; each setter
 * refuses a wrong value at once with an {@link IllegalArgumentException} naming the setting.
 */
public final class SmppChannelBuilder {
    /** The numbering plans SMPP 3.4 names (section 5.2.6). */
    private static final java.util.List<Integer> VALID_NPI = java.util.List.of(0, 1, 3, 4, 6, 8, 9, 10, 14, 18);

    private final String host;
    private final int port;
    private String systemId;
    private String password;
    private String systemType = "";
    private SmppBind bind = SmppBind.TRANSCEIVER;
    private String sourceAddress = "";
    private byte sourceTon;
    private byte sourceNpi;
    private String serviceType = "";
    private boolean registeredDelivery = true;
    private int sessions = 1;
    private int windowPerSession = 32;
    private Duration windowWait = Duration.ofSeconds(1);
    private Duration enquireLinkInterval = Duration.ofSeconds(30);
    private Duration responseTimeout = Duration.ofSeconds(10);
    private Duration bindTimeout = Duration.ofSeconds(10);
    private Duration rebindInitialBackoff = Duration.ofMillis(500);
    private Duration rebindMaxBackoff = Duration.ofSeconds(30);
    private Duration throttledFor = Duration.ofSeconds(1);
    private SmsEncoding encoding = SmsEncoding.GSM7_OR_UCS2;
    private LongMessages longMessages = LongMessages.CONCATENATED;
    private ZoneId receiptTimeZone = ZoneId.of("UTC");

    SmppChannelBuilder(String host, int port) {
        this.host = requireText("host", host, 255);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
        }
        this.port = port;
    }

    /**
     * Sets the account, which has no default: {@link #build()} refuses a builder without one.
     *
     * @param systemId the {@code system_id}, 1 to 15 characters and not blank
     * @param password the password, up to 8 characters (as SMPP 3.4 allows); may be empty
     * @return this builder
     * @throws IllegalArgumentException if either is null or too long, or {@code systemId} is blank
     */
    public SmppChannelBuilder account(String systemId, String password) {
        this.systemId = requireText("systemId", systemId, 15);
        this.password = requireLength("password", password, 8);
        return this;
    }

    /**
     * Sets the {@code system_type} sent at bind, which some SMSCs ask for; empty by default.
     *
     * @param systemType up to 12 characters
     * @return this builder
     * @throws IllegalArgumentException if it is null or too long
     */
    public SmppChannelBuilder systemType(String systemType) {
        this.systemType = requireLength("systemType", systemType, 12);
        return this;
    }

    /**
     * Sets how sessions bind: {@link SmppBind#TRANSCEIVER} (default) or separate transmitter and receiver binds.
     *
     * @param bind the kind of bind
     * @return this builder
     * @throws NullPointerException if {@code bind} is null
     */
    public SmppChannelBuilder bind(SmppBind bind) {
        this.bind = Objects.requireNonNull(bind, "bind");
        return this;
    }

    /**
     * Sets the sender of every submit; empty with TON 0 and NPI 0 by default.
     *
     * @param address the {@code source_addr}, up to 20 characters
     * @param ton its type of number, an SMPP code from 0 to 6
     * @param npi its numbering plan, an SMPP 3.4 code (0, 1, 3, 4, 6, 8, 9, 10, 14 or 18)
     * @return this builder
     * @throws IllegalArgumentException if the address is null or too long, or a code is not one SMPP names
     */
    public SmppChannelBuilder sourceAddress(String address, int ton, int npi) {
        this.sourceAddress = requireLength("sourceAddress", address, 20);
        this.sourceTon = (byte) requireRange("sourceAddress ton", ton, 0, 6);
        if (!VALID_NPI.contains(npi)) {
            throw new IllegalArgumentException("sourceAddress npi must be one of " + VALID_NPI + ", was " + npi);
        }
        this.sourceNpi = (byte) npi;
        return this;
    }

    /**
     * Sets the {@code service_type} of each submit; empty by default.
     *
     * @param serviceType up to 5 characters
     * @return this builder
     * @throws IllegalArgumentException if it is null or too long
     */
    public SmppChannelBuilder serviceType(String serviceType) {
        this.serviceType = requireLength("serviceType", serviceType, 5);
        return this;
    }

    /**
     * Whether to ask for delivery receipts (default true): then a send is submitted until its receipt, which the
     * channel hands to the {@link ReceiptSink} given to {@link SmppChannel#start(ReceiptSink)}.
     *
     * @param registeredDelivery whether each submit asks for a receipt
     * @return this builder
     */
    public SmppChannelBuilder registeredDelivery(boolean registeredDelivery) {
        this.registeredDelivery = registeredDelivery;
        return this;
    }

    /**
     * Sessions bound at once (default 1) and unanswered submits each keeps (default 32): one reservation keeps up to
     * their product in flight, and more wait for a free place up to {@code windowWait} (default 1 s). Keep
     * {@code windowWait} plus the response timeout below the engine's {@code channelTimeout}: the engine counts from
     * the call, and a send it gave up on goes again, so an SMSC's late acceptance would send it twice.
     *
     * @param sessions sessions bound at once, 1 to 64
     * @param windowPerSession unanswered submits per session, 1 to 1000
     * @param windowWait the longest wait for a free place; positive
     * @return this builder
     * @throws IllegalArgumentException if a count is out of range or the wait is null, zero or negative
     */
    public SmppChannelBuilder window(int sessions, int windowPerSession, Duration windowWait) {
        this.sessions = requireRange("sessions", sessions, 1, 64);
        this.windowPerSession = requireRange("windowPerSession", windowPerSession, 1, 1000);
        this.windowWait = requirePositive("windowWait", windowWait);
        return this;
    }

    /**
     * Sets how often an idle session checks the link with {@code enquire_link}; default 30 s.
     *
     * @param interval positive
     * @return this builder
     * @throws IllegalArgumentException if it is null, zero or negative
     */
    public SmppChannelBuilder enquireLinkInterval(Duration interval) {
        this.enquireLinkInterval = requirePositive("enquireLinkInterval", interval);
        return this;
    }

    /**
     * Sets the longest waits for an SMSC's answers; 10 s each by default.
     *
     * @param responseTimeout for a {@code submit_sm_resp}, after which the send fails transiently; positive
     * @param bindTimeout for the answer to a bind; positive
     * @return this builder
     * @throws IllegalArgumentException if either is null, zero or negative
     */
    public SmppChannelBuilder timeouts(Duration responseTimeout, Duration bindTimeout) {
        this.responseTimeout = requirePositive("responseTimeout", responseTimeout);
        this.bindTimeout = requirePositive("bindTimeout", bindTimeout);
        return this;
    }

    /**
     * Sets the wait before binding again after a dropped connection or a refused bind: {@code initial}, doubling up
     * to {@code max} (default 500 ms up to 30 s).
     *
     * @param initial the first wait; positive
     * @param max the longest wait; positive and not below {@code initial}
     * @return this builder
     * @throws IllegalArgumentException if either is null, zero or negative, or {@code max} is below {@code initial}
     */
    public SmppChannelBuilder rebindBackoff(Duration initial, Duration max) {
        this.rebindInitialBackoff = requirePositive("rebindBackoff initial", initial);
        this.rebindMaxBackoff = requirePositive("rebindBackoff max", max);
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "rebindBackoff max must not be below initial " + initial + ", was " + max);
        }
        return this;
    }

    /**
     * Sets how long the channel holds off after the SMSC throttled it ({@code ESME_RTHROTTLED}), and how long a
     * reservation waits when every window stayed full; default 1 s.
     *
     * @param throttledFor positive
     * @return this builder
     * @throws IllegalArgumentException if it is null, zero or negative
     */
    public SmppChannelBuilder throttledFor(Duration throttledFor) {
        this.throttledFor = requirePositive("throttledFor", throttledFor);
        return this;
    }

    /**
     * Sets how texts are encoded and how those longer than one SMS are sent.
     *
     * @param encoding the text encoding; {@link SmsEncoding#GSM7_OR_UCS2} by default
     * @param longMessages how long texts go; {@link LongMessages#CONCATENATED} by default
     * @return this builder
     * @throws NullPointerException if either is null
     */
    public SmppChannelBuilder encoding(SmsEncoding encoding, LongMessages longMessages) {
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.longMessages = Objects.requireNonNull(longMessages, "longMessages");
        return this;
    }

    /**
     * Sets the zone the SMSC writes a receipt's {@code done date} in; UTC by default.
     *
     * @param zone the SMSC's zone
     * @return this builder
     * @throws NullPointerException if {@code zone} is null
     */
    public SmppChannelBuilder receiptTimeZone(ZoneId zone) {
        this.receiptTimeZone = Objects.requireNonNull(zone, "receiptTimeZone");
        return this;
    }

    /**
     * {@return a new channel with these settings}, not yet bound: {@link SmppChannel#start(ReceiptSink)} binds it.
     *
     * @throws IllegalArgumentException if no account was set
     */
    public SmppChannel build() {
        if (systemId == null) {
            throw new IllegalArgumentException("systemId must be set: account(systemId, password)");
        }
        return new SmppChannel(new SmppSettings(
                host,
                port,
                systemId,
                password,
                systemType,
                bind,
                sourceAddress,
                sourceTon,
                sourceNpi,
                serviceType,
                registeredDelivery,
                sessions,
                windowPerSession,
                windowWait,
                enquireLinkInterval,
                responseTimeout,
                bindTimeout,
                rebindInitialBackoff,
                rebindMaxBackoff,
                throttledFor,
                encoding,
                longMessages,
                receiptTimeZone));
    }

    private static String requireText(String name, String value, int maxLength) {
        requireLength(name, value, maxLength);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    private static String requireLength(String name, String value, int maxLength) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(
                    name + " must be at most " + maxLength + " characters, was " + value.length());
        }
        return value;
    }

    private static int requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    private static Duration requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }
}
