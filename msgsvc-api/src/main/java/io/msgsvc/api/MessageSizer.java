package io.msgsvc.api;

import java.nio.charset.Charset;
import java.util.Optional;

/**
 * Measures a text in a channel's billing units: which {@link MessageType} it is sent as, how many units it costs,
 * and why it cannot be sent when it cannot. It never truncates. Must be thread-safe and deterministic (the same
 * text sizes the same at registration, at dispatch and in a preview).
 *
 * <p>Built in: {@link #koreanCarriers()} (EUC-KR bytes: SMS up to 90, LMS up to 2 000, a subject up to 40) and
 * {@link #gsm()} (GSM-7 or UCS-2 segments: 160/153 septets, 70/67 UTF-16 units).
 */
@FunctionalInterface
public interface MessageSizer {

    /**
     * Sizes one text.
     *
     * @param text       the text the channel is given, not null
     * @param overLength what to do with a text longer than one SMS
     * @return its size; a violation when it cannot be sent under {@code overLength}
     */
    MessageSize size(String text, OverLength overLength);

    /**
     * Why a subject cannot be carried, if it cannot.
     *
     * @param subject a subject, not null
     * @return the reason, or empty; the default accepts every subject
     */
    default Optional<String> subjectViolation(String subject) {
        return Optional.empty();
    }

    /**
     * Korean carriers in EUC-KR (KS X 1001): an SMS carries up to 90 bytes, an LMS up to 2 000 and its subject up
     * to 40. A character EUC-KR cannot carry (an emoji, a syllable outside KS X 1001) is a violation naming it and
     * its index, never a {@code ?}. {@link OverLength#SPLIT} makes several SMS of up to 90 bytes each, never
     * splitting a character, up to 255 of them. A subject does not change the type (an SMS carries none).
     *
     * @return the sizer
     */
    static MessageSizer koreanCarriers() {
        return KoreanCarrierSizer.EUC_KR;
    }

    /**
     * Korean carriers' limits in another Korean charset, such as {@code x-windows-949} (MS949, which carries every
     * modern Hangul syllable).
     *
     * @param charset the charset the carrier takes, whose encoder can report unmappable characters; a stateless one
     *                (EUC-KR, {@code x-windows-949}), since the bytes are counted one character at a time
     * @return the sizer
     * @throws IllegalArgumentException for a charset that cannot encode, or a stateful one such as ISO-2022-KR
     */
    static MessageSizer koreanCarriers(Charset charset) {
        return new KoreanCarrierSizer(charset);
    }

    /**
     * GSM 03.38 segments: a text of the GSM-7 basic table and its extension (where {@code € [ ] { } ^ ~ | \} and
     * form feed count 2 septets) is 160 septets in one SMS, 153 per segment when split; any other character makes
     * the whole text UCS-2: 70 UTF-16 units in one SMS, 67 per segment (an emoji counts 2). Segments never split an
     * escape sequence or a surrogate pair. There is no long type: {@link OverLength#UPGRADE} is a violation as
     * {@link OverLength#REJECT} is; split, a text may take up to 255 segments.
     *
     * @return the sizer
     */
    static MessageSizer gsm() {
        return GsmSizer.INSTANCE;
    }
}
