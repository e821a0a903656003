package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.MessageSize;
import io.msgsvc.api.MessageSizer;
import io.msgsvc.api.MessageType;
import io.msgsvc.api.OverLength;
import io.msgsvc.api.Pricing;
import io.msgsvc.api.SendOutcome;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Known byte and segment counts: Korean carriers in EUC-KR, GSM-7 and UCS-2 segments. */
class MessageSizerTest {
    private static final MessageSizer KOREAN = MessageSizer.koreanCarriers();
    private static final MessageSizer GSM = MessageSizer.gsm();

    /** text, over-length policy, expected type, units (0: a violation), length in the sizer's measure. */
    static Stream<Arguments> korean() {
        return Stream.of(
                Arguments.of("안녕하세요", OverLength.REJECT, MessageType.SMS, 1, 10),
                Arguments.of("Hello 안녕", OverLength.REJECT, MessageType.SMS, 1, 10),
                Arguments.of("가".repeat(40) + "a".repeat(10), OverLength.REJECT, MessageType.SMS, 1, 90),
                Arguments.of("가".repeat(40) + "a".repeat(11), OverLength.REJECT, MessageType.SMS, 0, 91),
                Arguments.of("가".repeat(40) + "a".repeat(11), OverLength.UPGRADE, MessageType.LMS, 1, 91),
                Arguments.of("가".repeat(40) + "a".repeat(11), OverLength.SPLIT, MessageType.SMS, 2, 91),
                // a two-byte character never straddles two SMS: 1 + 44 * 2 = 89 bytes, then the 45th goes on
                Arguments.of("a" + "가".repeat(45), OverLength.SPLIT, MessageType.SMS, 2, 91),
                Arguments.of("가".repeat(90), OverLength.SPLIT, MessageType.SMS, 2, 180),
                Arguments.of("가".repeat(91), OverLength.SPLIT, MessageType.SMS, 3, 182),
                Arguments.of("a".repeat(90 * 255), OverLength.SPLIT, MessageType.SMS, 255, 90 * 255),
                Arguments.of("a".repeat(90 * 255 + 1), OverLength.SPLIT, MessageType.SMS, 0, 90 * 255 + 1),
                Arguments.of("가".repeat(1000), OverLength.UPGRADE, MessageType.LMS, 1, 2000),
                Arguments.of("가".repeat(1000) + "a", OverLength.UPGRADE, MessageType.LMS, 0, 2001));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("korean")
    void koreanCarriersCountEucKrBytes(String text, OverLength policy, MessageType type, int units, int length) {
        MessageSize size = KOREAN.size(text, policy);
        assertThat(size.type()).isEqualTo(type);
        assertThat(size.units()).isEqualTo(units);
        assertThat(size.length()).isEqualTo(length);
        assertThat(size.encoding()).isEqualTo("EUC-KR");
        assertThat(size.fits()).isEqualTo(units > 0);
    }

    static Stream<Arguments> gsm() {
        return Stream.of(
                Arguments.of("a".repeat(160), OverLength.REJECT, 1, 160, "GSM-7"),
                Arguments.of("a".repeat(161), OverLength.REJECT, 0, 161, "GSM-7"),
                Arguments.of("a".repeat(161), OverLength.UPGRADE, 0, 161, "GSM-7"), // GSM has no long type
                Arguments.of("a".repeat(161), OverLength.SPLIT, 2, 161, "GSM-7"),
                Arguments.of("a".repeat(306), OverLength.SPLIT, 2, 306, "GSM-7"),
                Arguments.of("a".repeat(307), OverLength.SPLIT, 3, 307, "GSM-7"),
                Arguments.of("[]€{}", OverLength.REJECT, 1, 10, "GSM-7"),
                Arguments.of("€".repeat(80), OverLength.REJECT, 1, 160, "GSM-7"),
                Arguments.of("€".repeat(80) + "a", OverLength.SPLIT, 2, 161, "GSM-7"),
                // an escape sequence is never cut: 152 + (2 + 151) + 1 septets
                Arguments.of("a".repeat(152) + "€" + "a".repeat(152), OverLength.SPLIT, 3, 306, "GSM-7"),
                Arguments.of("Ünicode? é Δ @£", OverLength.REJECT, 1, 15, "GSM-7"),
                Arguments.of("가".repeat(70), OverLength.REJECT, 1, 70, "UCS-2"),
                Arguments.of("가".repeat(71), OverLength.REJECT, 0, 71, "UCS-2"),
                Arguments.of("가".repeat(71), OverLength.SPLIT, 2, 71, "UCS-2"),
                Arguments.of("가".repeat(134), OverLength.SPLIT, 2, 134, "UCS-2"),
                Arguments.of("가".repeat(135), OverLength.SPLIT, 3, 135, "UCS-2"),
                Arguments.of("😀", OverLength.REJECT, 1, 2, "UCS-2"),
                Arguments.of("a".repeat(68) + "😀", OverLength.REJECT, 1, 70, "UCS-2"),
                Arguments.of("a".repeat(69) + "😀", OverLength.REJECT, 0, 71, "UCS-2"),
                // a surrogate pair is never cut: 66, then 2 + 3
                Arguments.of("a".repeat(66) + "😀" + "a".repeat(3), OverLength.SPLIT, 2, 71, "UCS-2"),
                Arguments.of("a".repeat(66) + "😀".repeat(34), OverLength.SPLIT, 3, 134, "UCS-2"),
                Arguments.of("a".repeat(153 * 255), OverLength.SPLIT, 255, 153 * 255, "GSM-7"),
                Arguments.of("a".repeat(153 * 255 + 1), OverLength.SPLIT, 0, 153 * 255 + 1, "GSM-7"));
    }

    @ParameterizedTest(name = "{index} {1} {4}")
    @MethodSource("gsm")
    void gsmCountsSegments(String text, OverLength policy, int units, int length, String encoding) {
        MessageSize size = GSM.size(text, policy);
        assertThat(size.type()).isEqualTo(MessageType.SMS);
        assertThat(size.units()).isEqualTo(units);
        assertThat(size.length()).isEqualTo(length);
        assertThat(size.encoding()).isEqualTo(encoding);
    }

    @Test
    void aCharacterEucKrCannotCarryIsAViolationNamingItNeverAQuestionMark() {
        MessageSize emoji = KOREAN.size("안녕😀", OverLength.SPLIT);
        assertThat(emoji.fits()).isFalse();
        assertThat(emoji.units()).isZero();
        assertThat(emoji.violation()).isEqualTo("character U+1F600 '😀' at index 2 cannot be carried in EUC-KR");
        // a modern syllable outside KS X 1001: not in EUC-KR, but in MS949
        assertThat(KOREAN.size("똠방각하", OverLength.REJECT).violation()).contains("U+B620", "at index 0");
        MessageSize ms949 =
                MessageSizer.koreanCarriers(Charset.forName("x-windows-949")).size("똠방각하", OverLength.REJECT);
        assertThat(ms949.fits()).isTrue();
        assertThat(ms949.length()).isEqualTo(8);
    }

    @Test
    void aStatefulCharsetIsRefusedAndTheStatelessKoreanOnesAreTaken() {
        assertThatThrownBy(() -> MessageSizer.koreanCarriers(Charset.forName("ISO-2022-KR")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ISO-2022-KR is stateful");
        for (String name : new String[] {"EUC-KR", "MS949", "x-windows-949"}) {
            assertThat(MessageSizer.koreanCarriers(Charset.forName(name))
                            .size("가".repeat(45) + "a", OverLength.SPLIT)
                            .units())
                    .as(name)
                    .isEqualTo(2);
        }
    }

    @Test
    void aSubjectIsLimitedTo40EucKrBytes() {
        assertThat(KOREAN.subjectViolation("가".repeat(20))).isEmpty();
        assertThat(KOREAN.subjectViolation("가".repeat(20) + "a"))
                .hasValue("subject is 41 bytes in EUC-KR, over the 40 of a subject");
        assertThat(KOREAN.subjectViolation("공지😀"))
                .hasValueSatisfying(v -> assertThat(v).contains("U+1F600"));

        ContentPolicy policy = ContentPolicy.sized(KOREAN).overLength(OverLength.UPGRADE);
        MessageChannel channel = m -> SendOutcome.accepted("x");
        MessageSize withSubject = policy.size("가".repeat(21), "가".repeat(50), channel);
        assertThat(withSubject.fits()).isFalse();
        assertThat(withSubject.type()).isEqualTo(MessageType.LMS);
        assertThat(withSubject.violation()).startsWith("subject is 42 bytes");
    }

    @Test
    void theLegacyPolicyMeasuresInTheChannelsUnitsAndRefusesSizerOnlyOptions() {
        MessageChannel channel = m -> SendOutcome.accepted("x");
        assertThat(ContentPolicy.maxLength(10).size(null, "0123456789", channel))
                .isEqualTo(MessageSize.of(MessageType.SMS, 1, 10, null));
        assertThat(ContentPolicy.maxLength(10).violation("0123456789X", channel))
                .hasValue("message length 11 exceeds the limit of 10");
        assertThat(ContentPolicy.unlimited().size(null, "x".repeat(5000), channel))
                .isEqualTo(MessageSize.oneSms());
        assertThatThrownBy(() -> ContentPolicy.maxLength(10).overLength(OverLength.SPLIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a MessageSizer");
    }

    @Test
    void pricingByTypeAndUnitsKeepsLambdasWorking() {
        Pricing lambda = (customer, delivery, recipient) -> BigDecimal.ONE;
        assertThat(lambda.price("acme", null, "+1", MessageType.LMS, 3)).isEqualByComparingTo("1");
        Pricing perType =
                Pricing.perUnit(Map.of(MessageType.SMS, new BigDecimal("9"), MessageType.LMS, new BigDecimal("30")));
        assertThat(perType.price("acme", null, "+1", MessageType.SMS, 3)).isEqualByComparingTo("27");
        assertThat(perType.price("acme", null, "+1", MessageType.LMS, 1)).isEqualByComparingTo("30");
        assertThat(perType.price("acme", null, "+1")).isEqualByComparingTo("9");
        assertThatThrownBy(() -> Pricing.perUnit(Map.of(MessageType.SMS, BigDecimal.ONE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LMS");
    }
}
