package io.msgsvc.api;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/** Korean carriers' SMS / LMS limits in bytes of a Korean charset (see {@link MessageSizer#koreanCarriers()}). */
final class KoreanCarrierSizer implements MessageSizer {
    static final int SMS_BYTES = 90;
    static final int LMS_BYTES = 2_000;
    static final int SUBJECT_BYTES = 40;
    /** Concatenated SMS number their parts in one byte, as GSM's do. */
    static final int MAX_SMS_PARTS = 255;

    static final KoreanCarrierSizer EUC_KR = new KoreanCarrierSizer(Charset.forName("EUC-KR"));

    private final Charset charset;

    KoreanCarrierSizer(Charset charset) {
        this.charset = Objects.requireNonNull(charset, "charset");
        if (!charset.canEncode()) {
            throw new IllegalArgumentException("charset " + charset + " cannot encode");
        }
        if (stateful(charset)) {
            throw new IllegalArgumentException("charset " + charset + " is stateful (it shifts between character sets"
                    + " with escape bytes), so its bytes cannot be counted one character at a time: use EUC-KR or"
                    + " x-windows-949 (MS949)");
        }
    }

    @Override
    public MessageSize size(String text, OverLength overLength) {
        String encoding = charset.name();
        Encoded encoded = encode(text);
        if (encoded.unmappable != null) {
            return MessageSize.violation(MessageType.SMS, encoded.bytes, encoding, encoded.unmappable);
        }
        int bytes = encoded.bytes;
        if (bytes <= SMS_BYTES) {
            return MessageSize.of(MessageType.SMS, 1, bytes, encoding);
        }
        return switch (overLength) {
            case REJECT ->
                MessageSize.violation(MessageType.SMS, bytes, encoding, over(bytes, "one SMS", SMS_BYTES, "text"));
            case UPGRADE ->
                bytes <= LMS_BYTES
                        ? MessageSize.of(MessageType.LMS, 1, bytes, encoding)
                        : MessageSize.violation(
                                MessageType.LMS, bytes, encoding, over(bytes, "an LMS", LMS_BYTES, "text"));
            case SPLIT -> split(smsParts(text), bytes, encoding);
        };
    }

    private static MessageSize split(int parts, int bytes, String encoding) {
        return parts <= MAX_SMS_PARTS
                ? MessageSize.of(MessageType.SMS, parts, bytes, encoding)
                : MessageSize.violation(
                        MessageType.SMS,
                        bytes,
                        encoding,
                        "text takes " + parts + " SMS in " + encoding + ", over the " + MAX_SMS_PARTS
                                + " of one split message");
    }

    /** Whether a character's bytes depend on what stands around it (ISO-2022-KR's shifts and its header). */
    private static boolean stateful(Charset charset) {
        byte[] ascii = "a".getBytes(charset);
        byte[] hangul = "\uAC00".getBytes(charset);
        byte[] apart = ByteBuffer.allocate(2 * ascii.length + hangul.length)
                .put(ascii)
                .put(hangul)
                .put(ascii)
                .array();
        byte[] together = "a\uAC00a".getBytes(charset);
        return !Arrays.equals(together, apart);
    }

    @Override
    public Optional<String> subjectViolation(String subject) {
        Encoded encoded = encode(subject);
        if (encoded.unmappable != null) {
            return Optional.of("subject: " + encoded.unmappable);
        }
        return encoded.bytes > SUBJECT_BYTES
                ? Optional.of(over(encoded.bytes, "a subject", SUBJECT_BYTES, "subject"))
                : Optional.empty();
    }

    private String over(int bytes, String what, int limit, String field) {
        return field + " is " + bytes + " bytes in " + charset.name() + ", over the " + limit + " of " + what;
    }

    /** The encoder reports an unmappable character where it stands, instead of replacing it with '?'. */
    private Encoded encode(String text) {
        CharsetEncoder encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer in = CharBuffer.wrap(text);
        ByteBuffer out = ByteBuffer.allocate((int) Math.ceil(text.length() * (double) encoder.maxBytesPerChar()) + 4);
        CoderResult result = encoder.encode(in, out, true);
        if (!result.isError()) {
            result = encoder.flush(out);
        }
        if (result.isError()) {
            int index = in.position();
            int codePoint = text.codePointAt(index);
            return new Encoded(
                    out.position(),
                    String.format(
                            "character U+%04X '%s' at index %d cannot be carried in %s",
                            codePoint, Character.toString(codePoint), index, charset.name()));
        }
        return new Encoded(out.position(), null);
    }

    /** SMS of up to 90 bytes each, packed in order, never splitting a character. */
    private int smsParts(String text) {
        CharsetEncoder encoder = charset.newEncoder();
        int parts = 1;
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int end = i + Character.charCount(text.codePointAt(i));
            int bytes = ascii(text, i, end) ? 1 : bytesOf(encoder, text.substring(i, end));
            if (used + bytes > SMS_BYTES) {
                parts++;
                used = 0;
            }
            used += bytes;
            i = end;
        }
        return parts;
    }

    private static boolean ascii(String text, int start, int end) {
        return end == start + 1 && text.charAt(start) < 0x80;
    }

    private static int bytesOf(CharsetEncoder encoder, String character) {
        try {
            return encoder.reset().encode(CharBuffer.wrap(character)).remaining();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("encoded as a whole, but not " + character, e);
        }
    }

    private record Encoded(int bytes, String unmappable) {}

    @Override
    public String toString() {
        return "koreanCarriers(" + charset.name() + ")";
    }
}
