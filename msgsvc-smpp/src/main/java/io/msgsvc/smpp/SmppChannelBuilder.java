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

    /** The account: {@code system_id} (up to 15 characters) and password (up to 8, as SMPP 3.4 allows). */
    public SmppChannelBuilder account(String systemId, String password) {
        this.systemId = requireText("systemId", systemId, 15);
        this.password = requireLength("password", password, 8);
        return this;
    }

    /** The {@code system_type} the SMSC may ask for at bind (up to 12 characters); empty by default. */
    public SmppChannelBuilder systemType(String systemType) {
        this.systemType = requireLength("systemType", systemType, 12);
        return this;
    }

    /** {@link SmppBind#TRANSCEIVER} (default) or separate transmitter and receiver binds. */
    public SmppChannelBuilder bind(SmppBind bind) {
        this.bind = Objects.requireNonNull(bind, "bind");
        return this;
    }

    /** The sender: address (up to 20 characters) with its type of number and numbering plan (SMPP codes). */
    public SmppChannelBuilder sourceAddress(String address, int ton, int npi) {
        this.sourceAddress = requireLength("sourceAddress", address, 20);
        this.sourceTon = (byte) requireRange("sourceAddress ton", ton, 0, 6);
        if (!VALID_NPI.contains(npi)) {
            throw new IllegalArgumentException("sourceAddress npi must be one of " + VALID_NPI + ", was " + npi);
        }
        this.sourceNpi = (byte) npi;
        return this;
    }

    /** The {@code service_type} of each submit (up to 5 characters); empty by default. */
    public SmppChannelBuilder serviceType(String serviceType) {
        this.serviceType = requireLength("serviceType", serviceType, 5);
        return this;
    }

    /**
     * Whether to ask for delivery receipts (default true): then a send is submitted until its receipt, which the
     * channel hands to the {@link ReceiptSink} given to {@link SmppChannel#start(ReceiptSink)}.
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
     */
    public SmppChannelBuilder window(int sessions, int windowPerSession, Duration windowWait) {
        this.sessions = requireRange("sessions", sessions, 1, 64);
        this.windowPerSession = requireRange("windowPerSession", windowPerSession, 1, 1000);
        this.windowWait = requirePositive("windowWait", windowWait);
        return this;
    }

    /** How often an idle session checks the link ({@code enquire_link}); default 30 s. */
    public SmppChannelBuilder enquireLinkInterval(Duration interval) {
        this.enquireLinkInterval = requirePositive("enquireLinkInterval", interval);
        return this;
    }

    /** The longest wait for a {@code submit_sm_resp} (default 10 s) and for a bind's answer (default 10 s). */
    public SmppChannelBuilder timeouts(Duration responseTimeout, Duration bindTimeout) {
        this.responseTimeout = requirePositive("responseTimeout", responseTimeout);
        this.bindTimeout = requirePositive("bindTimeout", bindTimeout);
        return this;
    }

    /** The wait before binding again after a dropped connection or a refused bind, doubling up to {@code max}. */
    public SmppChannelBuilder rebindBackoff(Duration initial, Duration max) {
        this.rebindInitialBackoff = requirePositive("rebindBackoff initial", initial);
        this.rebindMaxBackoff = requirePositive("rebindBackoff max", max);
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "rebindBackoff max must not be below initial " + initial + ", was " + max);
        }
        return this;
    }

    /** How long the channel holds off after the SMSC throttled it ({@code ESME_RTHROTTLED}); default 1 s. */
    public SmppChannelBuilder throttledFor(Duration throttledFor) {
        this.throttledFor = requirePositive("throttledFor", throttledFor);
        return this;
    }

    /** How texts are encoded (default {@link SmsEncoding#GSM7_OR_UCS2}) and long ones sent (default in parts). */
    public SmppChannelBuilder encoding(SmsEncoding encoding, LongMessages longMessages) {
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.longMessages = Objects.requireNonNull(longMessages, "longMessages");
        return this;
    }

    /** The zone the SMSC writes a receipt's {@code done date} in (default UTC). */
    public SmppChannelBuilder receiptTimeZone(ZoneId zone) {
        this.receiptTimeZone = Objects.requireNonNull(zone, "receiptTimeZone");
        return this;
    }

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
