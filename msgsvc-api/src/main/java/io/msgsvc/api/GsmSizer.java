package io.msgsvc.api;

import java.util.HashMap;
import java.util.Map;

/** GSM 03.38 segments: GSM-7 septets or UCS-2 units (see {@link MessageSizer#gsm()}). */
final class GsmSizer implements MessageSizer {
    static final GsmSizer INSTANCE = new GsmSizer();

    static final int GSM7_SINGLE = 160;
    static final int GSM7_SEGMENT = 153;
    static final int UCS2_SINGLE = 70;
    static final int UCS2_SEGMENT = 67;
    static final int MAX_SEGMENTS = 255;

    /** The GSM-7 default alphabet, in septet order (0x1B, the escape to the extension table, is left out). */
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ"
            + " !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The extension table: each character is sent as the escape and itself, two septets. */
    private static final String EXTENSION = "\f^{}\\[~]|€";
    /** Septets per character: 1 in the basic table, 2 in the extension, absent (0) outside GSM-7. */
    private static final Map<Character, Integer> SEPTETS = new HashMap<>();

    static {
        BASIC.chars().filter(c -> c != 0x1B).forEach(c -> SEPTETS.put((char) c, 1));
        EXTENSION.chars().forEach(c -> SEPTETS.put((char) c, 2));
    }

    private GsmSizer() {}

    @Override
    public MessageSize size(String text, OverLength overLength) {
        boolean gsm7 = isGsm7(text);
        int length = gsm7 ? septets(text) : text.length();
        String encoding = gsm7 ? "GSM-7" : "UCS-2";
        if (length <= (gsm7 ? GSM7_SINGLE : UCS2_SINGLE)) {
            return MessageSize.of(MessageType.SMS, 1, length, encoding);
        }
        String unit = gsm7 ? " septets" : " UTF-16 units";
        if (overLength != OverLength.SPLIT) {
            return MessageSize.violation(
                    MessageType.SMS,
                    length,
                    encoding,
                    "text is " + length + unit + " in " + encoding + ", over the " + (gsm7 ? GSM7_SINGLE : UCS2_SINGLE)
                            + " of one SMS (GSM has no long message type: split it)");
        }
        int segments = gsm7 ? segments(text, GSM7_SEGMENT, true) : segments(text, UCS2_SEGMENT, false);
        return segments <= MAX_SEGMENTS
                ? MessageSize.of(MessageType.SMS, segments, length, encoding)
                : MessageSize.violation(
                        MessageType.SMS,
                        length,
                        encoding,
                        "text takes " + segments + " segments in " + encoding + ", over the " + MAX_SEGMENTS
                                + " of one concatenated SMS");
    }

    private static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!SEPTETS.containsKey(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int septets(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            septets += SEPTETS.get(text.charAt(i));
        }
        return septets;
    }

    /**
     * Segments of up to {@code perSegment} units, packed in order: an escape sequence (GSM-7) or a surrogate pair
     * (UCS-2) is never cut in two, so a segment may hold one unit less.
     */
    private static int segments(String text, int perSegment, boolean gsm7) {
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            int units = gsm7 ? SEPTETS.get(c) : (Character.isHighSurrogate(c) && i + 1 < text.length() ? 2 : 1);
            if (used + units > perSegment) {
                segments++;
                used = 0;
            }
            used += units;
            i += gsm7 ? 1 : units;
        }
        return segments;
    }

    @Override
    public String toString() {
        return "gsm";
    }
}
