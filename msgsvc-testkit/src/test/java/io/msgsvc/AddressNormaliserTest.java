package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressNormaliserTest {
    private final AddressNormaliser korea = new AddressNormaliser("KR");
    private final AddressNormaliser noRegion = new AddressNormaliser(null);

    @ParameterizedTest(name = "{0} -> {1} (KR), {2} (no region)")
    @CsvSource(
            delimiter = '|',
            value = {
                "010-1234-5678        | +821012345678 | 01012345678",
                "01012345678          | +821012345678 | 01012345678",
                "+82 10 1234 5678     | +821012345678 | +821012345678",
                "+82 (0)10-1234-5678  | +821012345678 | +821012345678",
                "02-312-3456          | +8223123456   | 023123456",
                "+1 (650) 253-0000    | +16502530000  | +16502530000",
                "' Ann@Example.COM '  | ann@example.com | ann@example.com",
                "'  push-token-AbC  ' | push-token-AbC | push-token-AbC",
                "+100                 | +100          | +100",
            })
    void addressesAreNormalisedOneWayHoweverTheyAreWritten(String written, String kr, String none) {
        assertThat(korea.normalise(written)).isEqualTo(kr);
        assertThat(noRegion.normalise(written)).isEqualTo(none);
    }
}
