package io.msgsvc.api;

import java.util.Objects;

/**
 * What one text costs in a channel's units, as a {@link MessageSizer} measured it.
 *
 * @param type      the message type it is sent as (for a violation: the type it would have needed)
 * @param units     billed units: 1, or the SMS segments of a split text; 0 when it cannot be sent
 * @param length    its length in the sizer's measure: EUC-KR bytes, GSM-7 septets or UTF-16 units, or the
 *                  channel's own {@link MessageChannel#length}
 * @param encoding  the encoding it is measured in ({@code EUC-KR}, {@code GSM-7}, {@code UCS-2}), or null when the
 *                  sizer does not say
 * @param violation why it cannot be sent, or null when it can
 */
public record MessageSize(MessageType type, int units, int length, String encoding, String violation) {

    /** One SMS of unmeasured length: what a message sized by no sizer counts as. */
    private static final MessageSize ONE_SMS = new MessageSize(MessageType.SMS, 1, 0, null, null);
    /**
     * @param type      the message type, not null
     * @param units     billed units: at least 1, or 0 with a violation
     * @param length    its length in the sizer's measure, not negative
     * @param encoding  its encoding, or null
     * @param violation why it cannot be sent, or null
     * @throws IllegalArgumentException for units or a length out of range
     */
    public MessageSize {
        Objects.requireNonNull(type, "type");
        if (violation == null ? units < 1 : units != 0) {
            throw new IllegalArgumentException("units must be >= 1 when sendable and 0 with a violation, was " + units);
        }
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, was " + length);
        }
    }

    /**
     * A text that can be sent.
     *
     * @param type     its message type
     * @param units    its billed units, at least 1
     * @param length   its length in the sizer's measure
     * @param encoding its encoding, or null
     * @return the size
     */
    public static MessageSize of(MessageType type, int units, int length, String encoding) {
        return new MessageSize(type, units, length, encoding, null);
    }

    /**
     * A text that cannot be sent.
     *
     * @param type      the type it would have needed
     * @param length    its length in the sizer's measure
     * @param encoding  its encoding, or null
     * @param violation why, not null
     * @return the size, with 0 units
     */
    public static MessageSize violation(MessageType type, int length, String encoding, String violation) {
        return new MessageSize(type, 0, length, encoding, Objects.requireNonNull(violation, "violation"));
    }

    /**
     * One SMS: the size of a message nothing measured (no sizer, no limit), and of the events and charges written
     * before messages were sized.
     *
     * @return one SMS unit, length 0
     */
    public static MessageSize oneSms() {
        return ONE_SMS;
    }

    /**
     * Whether the text can be sent.
     *
     * @return true when there is no violation
     */
    public boolean fits() {
        return violation == null;
    }
}
