package io.msgsvc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VariablesColumnTest {

    @Test
    void variablesComeBackAsWrittenInTheirOrder() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("z", "last name first");
        variables.put("이름", "김민수 😀");
        variables.put("q", "\"quoted\" \\ back\nslash\t{#{x}}");
        variables.put("empty", "");

        String column = VariablesColumn.encode(variables);

        assertThat(column).startsWith("{\"z\":");
        assertThat(VariablesColumn.decode(column)).containsExactlyEntriesOf(variables);
        assertThat(VariablesColumn.decode(VariablesColumn.encode(Map.of()))).isEmpty();
    }

    @Test
    void noVariablesIsNoColumnValue() {
        assertThat(VariablesColumn.encode(null)).isNull();
        assertThat(VariablesColumn.decode(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "{\"a\":1}", "{\"a\":{}}", "{\"a\":\"b\"", "x"})
    void aColumnThatIsNoObjectOfStringsIsNamed(String column) {
        assertThatThrownBy(() -> VariablesColumn.decode(column))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("msgsvc_delivery.variables");
    }
}
