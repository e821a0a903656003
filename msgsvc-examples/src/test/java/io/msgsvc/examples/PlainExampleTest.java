package io.msgsvc.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgsvc.api.ReservationStatus;
import io.msgsvc.examples.SeedScenario.CustomerTotals;
import io.msgsvc.examples.SeedScenario.ReservationOutcome;
import io.msgsvc.examples.SeedScenario.Result;
import io.msgsvc.examples.SeedScenario.Settings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlainExampleTest {
    private static Result result;

    /** One run serves every test: the scenario takes a few seconds because its campaigns are due over two. */
    @BeforeAll
    static void runScenario() throws InterruptedException {
        Settings settings = Settings.defaults()
                .withLatency(1, 3)
                .withFailureRates(0.05, 0.20)
                .withTiming(Duration.ofMillis(20), Duration.ofSeconds(30));
        result = SeedScenario.run(settings, (elapsed, rows) -> {});
    }

    @Test
    void everyReservationEnds() {
        assertThat(result.finishedInTime()).isTrue();
        assertThat(result.reservations())
                .hasSize(SeedScenario.campaignCount())
                .allSatisfy(r -> assertThat(r.status().isTerminal())
                        .as("status of %s", r.id())
                        .isTrue());
    }

    @Test
    void overlongTextIsRejectedAndNeverBilled() {
        ReservationOutcome rejected = result.reservations().stream()
                .filter(r -> r.text().equals(SeedScenario.OVERLONG_TEXT))
                .findFirst()
                .orElseThrow();

        assertThat(rejected.status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(rejected.billedCharges()).isZero();
        assertThat(rejected.sent()).isZero();
        assertThat(rejected.cancelled()).isEqualTo(rejected.recipients());
    }

    @Test
    void shortTextsAreSent() {
        assertThat(result.reservations())
                .filteredOn(r -> r.text().length() <= SeedScenario.MAX_TEXT_LENGTH)
                .allSatisfy(r -> {
                    assertThat(r.status()).isIn(ReservationStatus.COMPLETED, ReservationStatus.PARTIALLY_FAILED);
                    assertThat(r.sent() + r.failed()).isEqualTo(r.recipients());
                });
    }

    @Test
    void eachCustomerIsBilledOncePerSentMessage() {
        for (CustomerTotals customer : result.customers()) {
            List<ReservationOutcome> own = result.reservations().stream()
                    .filter(r -> r.customerId().equals(customer.customerId()))
                    .toList();
            long sent = own.stream().mapToLong(ReservationOutcome::sent).sum();

            assertThat(customer.billing().charges())
                    .as("charges of %s", customer.customerId())
                    .isEqualTo(sent);
            long notDelivered =
                    own.stream().mapToLong(ReservationOutcome::notDelivered).sum();
            long delivered =
                    own.stream().mapToLong(ReservationOutcome::delivered).sum();

            assertThat(customer.statistics().submitted())
                    .as("statistics of %s", customer.customerId())
                    .isEqualTo(sent);
            assertThat(customer.statistics().delivered()).isEqualTo(delivered);
            assertThat(customer.statistics().undelivered()
                            + customer.statistics().expired()
                            + customer.statistics().unknown())
                    .isEqualTo(notDelivered);
            assertThat(delivered + notDelivered)
                    .as("every sent SMS has its result")
                    .isEqualTo(sent);
            assertThat(own).allSatisfy(r -> assertThat(r.billedCharges()).isEqualTo(r.sent()));
            assertThat(customer.billing().refunds())
                    .as("undelivered and expired refunded; unknown stays billed")
                    .isEqualTo(customer.statistics().undelivered()
                            + customer.statistics().expired());
        }
        assertThat(result.billingMatchesSent()).isTrue();
    }

    @Test
    void noRecipientGetsTwoMessages() {
        assertThat(result.deliveredByGateway()).isEqualTo(result.totalSent());
    }
}
