package io.msgsvc.smpp;

/** How a text becomes the bytes of a {@code submit_sm}, and the data coding it is sent with. */
public enum SmsEncoding {
    /**
     * The GSM 03.38 default alphabet (data coding 0, one septet per octet) when every character is in it or its
     * extension table, UCS-2 otherwise: 160 characters in one SMS, 153 per part of a longer one (70 and 67 in UCS-2).
     */
    GSM7_OR_UCS2,
    /** UCS-2 (data coding 8, UTF-16 big-endian) for every text: 70 characters in one SMS, 67 per part. */
    UCS2,
    /**
     * EUC-KR (data coding 0x0E, KS C 5601), as Korean carriers take it: 140 bytes in one SMS, 134 per part; Hangul
     * takes two bytes. A character EUC-KR cannot carry fails the send permanently: it is never sent as {@code ?}.
     */
    EUC_KR
}
