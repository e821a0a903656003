package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.ReportStatus;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.testkit.EngineFixture;
import io.msgsvc.testkit.RecordingChannel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reports the engine refuses, each naming its field; a batch with one of them changes nothing. */
class ReportValidationTest {
    private final EngineFixture f = new EngineFixture(new InMemoryStorage(), RecordingChannel.reporting(), b -> b);
    private Reservation r;

    @BeforeEach
    void awaitingReports() {
        r = f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1").build());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> f.msgsvc.reservation("acme", r.id()).reservation().status()
                        == ReservationStatus.AWAITING_RESULTS);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static DeliveryReport.Builder of(int seq) {
        return DeliveryReport.forDelivery(new DeliveryId(io.msgsvc.api.ReservationId.random(), seq))
                .status(ReportStatus.DELIVERED);
    }

    static Stream<Arguments> badReports() {
        return Stream.of(
                Arguments.of("no status", of(0).status(null), "status", "must not be null"),
                Arguments.of("named twice", of(0).providerReference("ref"), "deliveryId", "exactly one"),
                Arguments.of(
                        "named nowhere",
                        DeliveryReport.builder().status(ReportStatus.DELIVERED),
                        "deliveryId",
                        "exactly one"),
                Arguments.of(
                        "blank reference",
                        DeliveryReport.forReference(" ").status(ReportStatus.DELIVERED),
                        "providerReference",
                        "must not be blank"),
                Arguments.of(
                        "padded reference",
                        DeliveryReport.forReference(" r1").status(ReportStatus.DELIVERED),
                        "providerReference",
                        "white space"),
                Arguments.of("ill-formed reason", of(0).providerCode("X", "bad \ud800"), "reason", "lone surrogate"),
                Arguments.of("part 0", of(0).part(0, 2), "part", "between 1 and parts"),
                Arguments.of("part beyond", of(0).part(3, 2), "part", "between 1 and parts"),
                Arguments.of("too many parts", of(0).part(1, 64), "parts", "between 1 and 63"),
                Arguments.of("negative units", of(0).unitsAndPrice(-1, null), "units", "negative"),
                Arguments.of("negative price", of(0).unitsAndPrice(1, new BigDecimal("-0.01")), "price", "negative"),
                Arguments.of(
                        "price beyond what stores keep",
                        of(0).unitsAndPrice(1, new BigDecimal("10000000000000")),
                        "price",
                        "at most"),
                Arguments.of("long code", of(0).providerCode("c".repeat(101), null), "providerCode", "maximum of 100"),
                Arguments.of("padded customer", of(0).customerId("acme "), "customerId", "white space"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badReports")
    void aBadReportNamesItsField(String why, DeliveryReport.Builder report, String field, String message) {
        assertThatThrownBy(() -> f.msgsvc.reportDelivery(report.build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void aBatchWithOneBadReportIsRefusedWholeAndChangesNothing() {
        List<DeliveryReport> batch = new ArrayList<>();
        batch.add(DeliveryReport.forDelivery(new DeliveryId(r.id(), 0))
                .status(ReportStatus.DELIVERED)
                .build());
        batch.add(of(0).status(null).build());

        assertThatThrownBy(() -> f.msgsvc.reportDeliveries(batch))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("reports[1].status"));
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries().get(0).state())
                .isEqualTo(DeliveryState.SUBMITTED);
        assertThat(f.msgsvc
                        .statistics("acme", java.time.Instant.EPOCH, java.time.Instant.MAX)
                        .totals()
                        .delivered())
                .isZero();
    }

    @Test
    void batchesAreBounded() {
        List<DeliveryReport> tooMany = Collections.nCopies(10_001, of(0).build());
        assertThatThrownBy(() -> f.msgsvc.reportDeliveries(tooMany))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("reports");
                    assertThat(e.getMessage()).contains("10000");
                });
        assertThatThrownBy(() -> f.msgsvc.reportDeliveries(null)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aProviderReferenceLongerThanStoresKeepIsRefusedWhereTheChannelMakesIt() {
        assertThat(SendOutcome.accepted("r".repeat(SendOutcome.MAX_REFERENCE_LENGTH)))
                .isInstanceOf(SendOutcome.Accepted.class);
        assertThatThrownBy(() -> SendOutcome.accepted("r".repeat(SendOutcome.MAX_REFERENCE_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("providerReference");
    }
}
