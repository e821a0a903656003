package io.msgsvc.smpp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text encoded for the SMSC: its data coding and its parts. One part is a single SMS; several are sent with a
 * concatenation header each, or (with {@link LongMessages#MESSAGE_PAYLOAD}) as one payload.
 *
 * @param whole the encoded text in one piece (for {@code message_payload})
 */
record SmsText(byte dataCoding, byte[] whole, List<byte[]> parts) {
    static final byte GSM7 = 0x00;
    static final byte UCS2 = 0x08;
    static final byte KS_C_5601 = 0x0E;
    static final int MAX_PARTS = 255;

    private static final Charset EUC_KR = Charset.forName("EUC-KR");
    private static final int SINGLE_OCTETS = 140;
    private static final int PART_OCTETS = 134;
    private static final int GSM7_SINGLE = 160;
    private static final int GSM7_PART = 153;

    /** Thrown for a text the encoding cannot carry or too long for {@value #MAX_PARTS} parts. */
    static final class Unsendable extends Exception {
        Unsendable(String message) {
            super(message);
        }
    }

    static SmsText encode(String text, SmsEncoding encoding) throws Unsendable {
        switch (encoding) {
            case GSM7_OR_UCS2:
                if (Gsm7.canEncode(text)) {
                    byte[] septets = Gsm7.encode(text);
                    return new SmsText(GSM7, septets, split(septets, GSM7_SINGLE, GSM7_PART, SmsText::gsm7Boundary));
                }
                return ucs2(text);
            case UCS2:
                return ucs2(text);
            case EUC_KR:
                byte[] bytes = eucKr(text);
                return new SmsText(KS_C_5601, bytes, split(bytes, SINGLE_OCTETS, PART_OCTETS, SmsText::eucKrBoundary));
            default:
                throw new IllegalStateException("no encoder for " + encoding);
        }
    }

    boolean isLong() {
        return parts.size() > 1;
    }

    private static SmsText ucs2(String text) throws Unsendable {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_16BE);
        return new SmsText(UCS2, bytes, split(bytes, SINGLE_OCTETS, PART_OCTETS, SmsText::ucs2Boundary));
    }

    private static byte[] eucKr(String text) throws Unsendable {
        CharsetEncoder encoder = EUC_KR.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer encoded = encoder.encode(CharBuffer.wrap(text));
            return Arrays.copyOf(encoded.array(), encoded.limit());
        } catch (CharacterCodingException e) {
            int at = firstUnmappable(text);
            throw new Unsendable("EUC-KR cannot carry the character '"
                    + text.substring(at, text.offsetByCodePoints(at, 1)) + "' at index " + at);
        }
    }

    private static int firstUnmappable(String text) {
        CharsetEncoder encoder = EUC_KR.newEncoder();
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            if (!encoder.canEncode(text.substring(i, text.offsetByCodePoints(i, 1)))) {
                return i;
            }
        }
        return 0;
    }

    /** Whether a part may end before index {@code end} without cutting a character in two. */
    private interface Boundary {
        boolean fits(byte[] bytes, int end);
    }

    private static List<byte[]> split(byte[] bytes, int single, int perPart, Boundary boundary) throws Unsendable {
        if (bytes.length <= single) {
            return List.of(bytes);
        }
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        while (start < bytes.length) {
            int end = Math.min(start + perPart, bytes.length);
            while (end < bytes.length && !boundary.fits(bytes, end)) {
                end--;
            }
            parts.add(Arrays.copyOfRange(bytes, start, end));
            start = end;
        }
        if (parts.size() > MAX_PARTS) {
            throw new Unsendable("the text needs " + parts.size() + " parts, more than " + MAX_PARTS);
        }
        return parts;
    }

    /** An escape and the extension code after it stay in one part. */
    private static boolean gsm7Boundary(byte[] septets, int end) {
        int escapes = 0;
        for (int i = end - 1; i >= 0 && septets[i] == Gsm7.ESCAPE; i--) {
            escapes++;
        }
        return escapes % 2 == 0;
    }

    /** Whole UTF-16 units, and a surrogate pair's two halves in one part. */
    private static boolean ucs2Boundary(byte[] bytes, int end) {
        if (end % 2 != 0) {
            return false;
        }
        char before = (char) (((bytes[end - 2] & 0xFF) << 8) | (bytes[end - 1] & 0xFF));
        return !Character.isHighSurrogate(before);
    }

    /** A byte of 0x80 or above opens a two-byte character in EUC-KR. */
    private static boolean eucKrBoundary(byte[] bytes, int end) {
        int i = 0;
        while (i < end) {
            i += (bytes[i] & 0xFF) >= 0x80 ? 2 : 1;
        }
        return i == end;
    }
}
