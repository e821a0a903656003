package io.msgsvc.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmsTextTest {

    private static byte[] joined(List<byte[]> parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        parts.forEach(all::writeBytes);
        return all.toByteArray();
    }

    @Test
    void gsm7TextsStayInTheDefaultAlphabetAndRoundTrip() throws Exception {
        String text = "Hello @ £5 {café} ü€ ^_^ [ok]";
        SmsText encoded = SmsText.encode(text, SmsEncoding.GSM7_OR_UCS2);

        assertThat(encoded.dataCoding()).isEqualTo(SmsText.GSM7);
        assertThat(Gsm7.decode(encoded.whole())).isEqualTo(text);
        assertThat(encoded.whole()[0]).as("H").isEqualTo((byte) 0x48);
        assertThat(Gsm7.encode("@")).containsExactly(0x00);
        assertThat(Gsm7.encode("€"))
                .as("the euro sign from the extension table")
                .containsExactly(0x1B, 0x65);
    }

    @Test
    void textsOutsideGsm7GoAsUcs2() throws Exception {
        SmsText encoded = SmsText.encode("안녕하세요", SmsEncoding.GSM7_OR_UCS2);

        assertThat(encoded.dataCoding()).isEqualTo(SmsText.UCS2);
        assertThat(new String(encoded.whole(), StandardCharsets.UTF_16BE)).isEqualTo("안녕하세요");
        assertThat(encoded.isLong()).isFalse();
    }

    @Test
    void oneSmsHolds160Gsm7CharactersAndLongerTextsSplitIn153() throws Exception {
        assertThat(SmsText.encode("a".repeat(160), SmsEncoding.GSM7_OR_UCS2).parts())
                .hasSize(1);

        SmsText longer = SmsText.encode("a".repeat(161), SmsEncoding.GSM7_OR_UCS2);
        assertThat(longer.parts()).extracting(p -> p.length).containsExactly(153, 8);
        assertThat(joined(longer.parts())).isEqualTo(longer.whole());
    }

    @Test
    void anEscapeAndItsCodeAreNeverSplitAcrossParts() throws Exception {
        // 152 plain characters, then a euro sign: its two septets would straddle the 153-septet boundary
        String text = "a".repeat(152) + "€" + "b".repeat(20);
        SmsText encoded = SmsText.encode(text, SmsEncoding.GSM7_OR_UCS2);

        assertThat(encoded.parts().get(0)).hasSize(152);
        assertThat(Gsm7.decode(encoded.parts().get(1))).startsWith("€");
    }

    @Test
    void ucs2PartsHold67CharactersAndKeepSurrogatePairsWhole() throws Exception {
        assertThat(SmsText.encode("가".repeat(70), SmsEncoding.UCS2).parts()).hasSize(1);
        assertThat(SmsText.encode("가".repeat(71), SmsEncoding.UCS2).parts())
                .extracting(p -> p.length)
                .containsExactly(134, 8);

        // 142 bytes: the pair would straddle the 134-byte boundary
        String emoji = "가".repeat(66) + "😀" + "가".repeat(3);
        SmsText encoded = SmsText.encode(emoji, SmsEncoding.UCS2);
        assertThat(encoded.parts())
                .extracting(p -> new String(p, StandardCharsets.UTF_16BE))
                .containsExactly("가".repeat(66), "😀가가가");
    }

    @Test
    void eucKrCountsHangulAsTwoBytesAndNeverSplitsOne() throws Exception {
        SmsText single = SmsText.encode("가".repeat(70), SmsEncoding.EUC_KR);
        assertThat(single.dataCoding()).isEqualTo(SmsText.KS_C_5601);
        assertThat(single.parts()).hasSize(1);

        SmsText split = SmsText.encode("a" + "가".repeat(70), SmsEncoding.EUC_KR);
        assertThat(split.parts()).extracting(p -> p.length).containsExactly(133, 8);
        assertThat(new String(joined(split.parts()), Charset.forName("EUC-KR"))).isEqualTo("a" + "가".repeat(70));
    }

    @Test
    void aCharacterEucKrCannotCarryIsRefusedNeverSentAsAQuestionMark() {
        assertThatThrownBy(() -> SmsText.encode("안녕 😀", SmsEncoding.EUC_KR))
                .isInstanceOf(SmsText.Unsendable.class)
                .hasMessageContaining("'😀' at index 3");
    }

    @Test
    void aTextNeedingMoreThan255PartsIsRefused() {
        assertThatThrownBy(() -> SmsText.encode("a".repeat(153 * 255 + 1), SmsEncoding.GSM7_OR_UCS2))
                .isInstanceOf(SmsText.Unsendable.class)
                .hasMessageContaining("256 parts");
    }
}
