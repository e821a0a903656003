package io.msgsvc.smpp;

import java.io.ByteArrayOutputStream;

/**
 * The GSM 03.38 default alphabet, one septet per octet (unpacked, as SMSCs take it over SMPP with data coding 0).
 * A character of the extension table takes two septets: the escape and its code.
 */
final class Gsm7 {
    static final int ESCAPE = 0x1B;

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION_CHARS = "\f^{}\\[~]|€";
    private static final byte[] EXTENSION_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

    private Gsm7() {}

    /** Whether every character of {@code text} is in the default alphabet or its extension table. */
    static boolean canEncode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ESCAPE || (BASIC.indexOf(c) < 0 && EXTENSION_CHARS.indexOf(c) < 0)) {
                return false;
            }
        }
        return true;
    }

    /** The unpacked septets of a text {@link #canEncode} accepted. */
    static byte[] encode(String text) {
        ByteArrayOutputStream septets = new ByteArrayOutputStream(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int basic = BASIC.indexOf(c);
            if (basic >= 0 && c != ESCAPE) {
                septets.write(basic);
            } else {
                int extension = EXTENSION_CHARS.indexOf(c);
                if (extension < 0) {
                    throw new IllegalArgumentException("not in the GSM 03.38 alphabet: '" + c + "' at " + i);
                }
                septets.write(ESCAPE);
                septets.write(EXTENSION_CODES[extension]);
            }
        }
        return septets.toByteArray();
    }

    /** The text of unpacked septets (for the tests and for reading what an SMSC sends back). */
    static String decode(byte[] septets) {
        StringBuilder text = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int septet = septets[i] & 0x7F;
            if (septet == ESCAPE && i + 1 < septets.length) {
                int code = septets[++i] & 0x7F;
                int extension = indexOf(EXTENSION_CODES, code);
                text.append(extension >= 0 ? EXTENSION_CHARS.charAt(extension) : ' ');
            } else {
                text.append(BASIC.charAt(septet));
            }
        }
        return text.toString();
    }

    private static int indexOf(byte[] codes, int code) {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] == code) {
                return i;
            }
        }
        return -1;
    }
}
