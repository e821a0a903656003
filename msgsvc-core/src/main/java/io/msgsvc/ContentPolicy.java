package io.msgsvc;

import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.MessageSize;
import io.msgsvc.api.MessageSizer;
import io.msgsvc.api.MessageType;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.OverLength;
import java.util.Objects;
import java.util.Optional;

/**
 * Limits a message, measured in the channel's own units ({@link MessageChannel#length}) or, with a
 * {@link MessageSizer}, in a carrier's: which message type a text is sent as, how many units it is billed as, and
 * what happens to a text over one SMS ({@link OverLength}; never truncated).
 *
 * <p>By default a message over the limit is accepted at registration and rejected when its dispatch starts: the
 * reservation is compensated (nothing sent or billed, status {@code REJECTED}). {@link #failFast()} refuses it at
 * registration instead. Every send is sized again on the text the channel is given; one that does not fit ends
 * {@code FAILED} with the violation as its detail, unbilled. {@link #perDelivery()} leaves the whole reservation to
 * that check: only the deliveries whose text overflows fail.
 *
 * @param maxLength              the limit in the channel's units; {@link Integer#MAX_VALUE} with a sizer
 * @param enforcedAtRegistration refused at registration ({@link #failFast()})
 * @param sizer                  the carrier's sizer, or null to measure in the channel's units
 * @param overLength             what a sizer does with a text over one SMS
 * @param perDeliveryOnly        only deliveries whose text overflows fail; the reservation is not rejected
 */
public record ContentPolicy(
        int maxLength,
        boolean enforcedAtRegistration,
        MessageSizer sizer,
        OverLength overLength,
        boolean perDeliveryOnly) {

    /**
     * @param maxLength              the limit in the channel's units, at least 1
     * @param enforcedAtRegistration refused at registration ({@link #failFast()})
     * @param sizer                  the carrier's sizer, or null to measure in the channel's units
     * @param overLength             what a sizer does with a text over one SMS; other than {@code REJECT} needs a sizer
     * @param perDeliveryOnly        only deliveries whose text overflows fail; the reservation is not rejected
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public ContentPolicy {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be >= 1, was " + maxLength);
        }
        Objects.requireNonNull(overLength, "overLength");
        if (sizer == null && overLength != OverLength.REJECT) {
            throw new IllegalArgumentException(
                    "overLength " + overLength + " needs a MessageSizer (ContentPolicy.sized)");
        }
    }

    /**
     * A limit in the channel's units, rejecting what is longer.
     *
     * @param maxLength              the limit in the channel's units, at least 1
     * @param enforcedAtRegistration refused at registration ({@link #failFast()})
     */
    public ContentPolicy(int maxLength, boolean enforcedAtRegistration) {
        this(maxLength, enforcedAtRegistration, null, OverLength.REJECT, false);
    }

    /** {@return a policy without a limit} */
    public static ContentPolicy unlimited() {
        return new ContentPolicy(Integer.MAX_VALUE, false);
    }

    /**
     * {@return a policy rejecting messages longer than {@code maxLength} when dispatch starts (and compensating)}
     *
     * @param maxLength the limit in the channel's units, at least 1
     */
    public static ContentPolicy maxLength(int maxLength) {
        return new ContentPolicy(maxLength, false);
    }

    /**
     * Messages sized by a carrier's sizer ({@link MessageSizer#koreanCarriers()}, {@link MessageSizer#gsm()}), over
     * one SMS rejected until {@link #overLength(OverLength)} says otherwise.
     *
     * @param sizer the carrier's sizer
     * @return the policy
     */
    public static ContentPolicy sized(MessageSizer sizer) {
        return new ContentPolicy(
                Integer.MAX_VALUE, false, Objects.requireNonNull(sizer, "sizer"), OverLength.REJECT, false);
    }

    /** {@return the same limit, enforced at registration with an {@link io.msgsvc.api.InvalidRequestException}} */
    public ContentPolicy failFast() {
        return new ContentPolicy(maxLength, true, sizer, overLength, perDeliveryOnly);
    }

    /**
     * {@return the same sizer with another over-length policy}
     *
     * @param policy {@code REJECT}, {@code UPGRADE} (to LMS) or {@code SPLIT}; the last two need a sizer
     */
    public ContentPolicy overLength(OverLength policy) {
        return new ContentPolicy(maxLength, enforcedAtRegistration, sizer, policy, perDeliveryOnly);
    }

    /**
     * A text that overflows fails only its own delivery ({@code FAILED}, the violation as its detail, unbilled)
     * instead of rejecting the reservation when its dispatch starts.
     *
     * @return the policy failing per delivery
     */
    public ContentPolicy perDelivery() {
        return new ContentPolicy(maxLength, enforcedAtRegistration, sizer, overLength, true);
    }

    /**
     * Sizes a message as the channel will be given it: type, units and, if it cannot be sent, why.
     *
     * @param subject the subject, or null
     * @param text    the text
     * @param channel the channel, whose own {@link MessageChannel#length} measures it when there is no sizer
     * @return the message's type, units and length, with a violation when it cannot be sent
     */
    public MessageSize size(String subject, String text, MessageChannel channel) {
        if (sizer == null) {
            if (maxLength == Integer.MAX_VALUE) {
                return MessageSize.oneSms(); // unlimited: nothing to measure, nothing to call
            }
            int length = channel.length(text);
            return length > maxLength
                    ? MessageSize.violation(
                            MessageType.SMS,
                            length,
                            null,
                            "message length " + length + " exceeds the limit of " + maxLength)
                    : MessageSize.of(MessageType.SMS, 1, length, null);
        }
        Optional<String> subjectViolation = subject == null ? Optional.empty() : sizer.subjectViolation(subject);
        MessageSize size = sizer.size(text, overLength);
        return subjectViolation
                .map(v -> MessageSize.violation(size.type(), size.length(), size.encoding(), v))
                .orElse(size);
    }

    /**
     * {@return why the text breaks the policy, or empty when it does not}
     *
     * @param text    the text
     * @param channel the channel, whose own {@link MessageChannel#length} measures it when there is no sizer
     */
    public Optional<String> violation(String text, MessageChannel channel) {
        return violation(null, text, channel);
    }

    /**
     * {@return why the subject or the text breaks the policy, or empty when neither does}
     *
     * @param subject the subject, or null
     * @param text    the text
     * @param channel the channel, whose own {@link MessageChannel#length} measures it when there is no sizer
     */
    public Optional<String> violation(String subject, String text, MessageChannel channel) {
        return Optional.ofNullable(size(subject, text, channel).violation());
    }

    /**
     * With {@link #failFast()}, at registration: the subject, and the text's fixed part (all of it when it has no
     * placeholders; every rendering overflows if that does). A violation names its field: {@code subject} or
     * {@code text}. Each rendering of a template is checked by {@link #checkRenderingAtRegistration}.
     */
    void checkAtRegistration(String subject, String text, MessageChannel channel) {
        if (!enforcedAtRegistration) {
            return;
        }
        if (sizer != null && subject != null) {
            sizer.subjectViolation(subject).ifPresent(v -> {
                throw new InvalidRequestException("subject", v);
            });
        }
        violation(null, Template.fixedText(text), channel).ifPresent(v -> {
            throw new InvalidRequestException("text", v);
        });
    }

    /** With {@link #failFast()}, one recipient's rendering: a violation names the recipient's {@code field}. */
    void checkRenderingAtRegistration(String field, String rendered, MessageChannel channel) {
        if (enforcedAtRegistration) {
            violation(null, rendered, channel).ifPresent(v -> {
                throw new InvalidRequestException(field, "its text rendered: " + v);
            });
        }
    }

    /** At dispatch start: the reservation is rejected for its text unless only overflowing deliveries are to fail. */
    Optional<String> violationAtDispatch(String subject, String text, MessageChannel channel) {
        return perDeliveryOnly ? Optional.empty() : violation(subject, text, channel);
    }

    /** Whether a send may be more than one SMS: an LMS or a split text. */
    boolean mayChargeMoreThanOneSms() {
        return sizer != null && overLength != OverLength.REJECT;
    }

    /**
     * The send sized as the channel will be given it. One an earlier sender may have handed to the provider
     * ({@code mayHaveBeenSent}) goes again as it went, never failed for its size, since failing it now could not undo
     * a send: a size over the limit is sent as one unit of the type it needed.
     */
    OutboundMessage sized(OutboundMessage message, MessageChannel channel, boolean mayHaveBeenSent) {
        if (sizer == null && maxLength == Integer.MAX_VALUE) {
            return message;
        }
        MessageSize size = size(message.subject(), message.text(), channel);
        if (!size.fits() && mayHaveBeenSent) {
            size = MessageSize.of(size.type(), 1, size.length(), size.encoding());
        }
        return message.withSize(size);
    }
}
