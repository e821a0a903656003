package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgsvc.api.InvalidRequestException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code #{name}} template syntax: rendering, the literal escape, and the texts it refuses. */
class TemplateTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Hello #{name}                      | Hello Kim
            #{name}, your code is #{code}.     | Kim, your code is 4711.
            #{name}#{code}                     | Kim4711
            #{name} and #{name} again          | Kim and Kim again
            #{이름}님 안녕하세요                     | 김민수님 안녕하세요
            Order ##{code}                     | Order #4711
            #{#}{name} is written literally     | #{name} is written literally
            #{#}                               | #
            # and { and } and #x{ stay          | # and { and } and #x{ stay
            🎉 #{name} 🎉                       | 🎉 Kim 🎉
            #{first.name}/#{last_name}/#{x-1}  | A/B/C
            """)
    void rendersEachPlaceholderWithItsValue(String text, String expected) {
        Map<String, String> variables = Map.of(
                "name", "Kim",
                "code", "4711",
                "이름", "김민수",
                "first.name", "A",
                "last_name", "B",
                "x-1", "C");
        assertThat(Template.parse(text).render(variables)).isEqualTo(expected);
        assertThat(Template.forSend(text, variables)).isEqualTo(expected);
    }

    @Test
    void aValueIsNeverReadAsATemplate() {
        assertThat(Template.parse("Hi #{name}").render(Map.of("name", "#{code} #{#}", "code", "x")))
                .isEqualTo("Hi #{code} #{#}");
    }

    @Test
    void theNamesAreListedOnceInTheOrderTheyFirstAppear() {
        assertThat(Template.parse("#{b} #{a} #{b} #{#}").names()).containsExactly("b", "a");
        assertThat(Template.parse("no placeholder").names()).isEmpty();
    }

    @Test
    void theRenderedLengthIsCountedWithoutRendering() {
        Template t = Template.parse("Hi #{name}, #{#}{x}");
        Map<String, String> variables = Map.of("name", "Kimberly");
        assertThat(t.renderedLength(variables)).isEqualTo(t.render(variables).length());
    }

    @Test
    void aTextWithoutPlaceholdersIsSentAsWrittenWithOrWithoutVariables() {
        String text = "Sale 10% {today} # only";
        assertThat(Template.forSend(text, null)).isSameAs(text);
        assertThat(Template.forSend(text, Map.of("name", "Kim"))).isSameAs(text);
        assertThat(Template.isTemplate(text)).isFalse();
    }

    @Test
    void aDeliveryWithoutVariablesIsSentAsWritten() {
        // only a text stored before templates existed meets the sender so: it goes out as it always did
        assertThat(Template.forSend("Hi #{name}", null)).isEqualTo("Hi #{name}");
        assertThat(Template.forSend("Hi #{na me", Map.of())).isEqualTo("Hi #{na me");
    }

    @Test
    void aPlaceholderWithoutAValueStaysAsWrittenWhenSent() {
        assertThat(Template.forSend("Hi #{name} #{#}", Map.of())).isEqualTo("Hi #{name} #");
    }

    @Test
    void theLastTemplateIsReusedOnlyForTheSameText() {
        String first = "Hi #{name}";
        assertThat(Template.forSend(first, Map.of("name", "A"))).isEqualTo("Hi A");
        assertThat(Template.forSend(first, Map.of("name", "B"))).isEqualTo("Hi B");
        assertThat(Template.forSend(new String("Yo #{name}"), Map.of("name", "C")))
                .isEqualTo("Yo C");
        assertThat(Template.forSend(first, Map.of("name", "D"))).isEqualTo("Hi D");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Hi #{name",
                "Hi #{}",
                "Hi #{ name }",
                "Hi #{na me}",
                "Hi #{a#{b}}",
                "Hi #{name!}",
                "Hi #{##}",
                "Hi #{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}"
            })
    void aPlaceholderThatIsNotWellFormedIsRefusedNamingTheTextAndWhere(String text) {
        assertThatThrownBy(() -> Template.parse(text))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("text")
                .hasMessageContaining("at index 3")
                .hasMessageContaining("#{#}{");
    }

    @Test
    void aNameIsLettersOfAnyScriptDigitsAndThreeMarks() {
        assertThat(Template.nameProblem("이름")).isNull();
        assertThat(Template.nameProblem("name_1.first-x")).isNull();
        assertThat(Template.nameProblem("1")).isNull();
        assertThat(Template.nameProblem("a".repeat(64))).isNull();
        assertThat(Template.nameProblem("a".repeat(65))).contains("65 characters");
        assertThat(Template.nameProblem("")).isEqualTo("is empty");
        assertThat(Template.nameProblem("a b")).contains("' '");
        assertThat(Template.nameProblem("😀")).contains("'😀'");
    }
}
