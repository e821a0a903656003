package io.msgsvc.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.Charge;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.jdbc.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SMSC drops the connection in the middle of a campaign, then throttles for a while, on PostgreSQL: every recipient
 * still ends with one final state, billed once, first submitted in list order, sent again only as the same delivery.
 */
class SmppFaultsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final List<SmppFixture> fixtures = new ArrayList<>();

    @AfterEach
    void close() {
        fixtures.forEach(SmppFixture::close);
    }

    private SmppFixture fixture() {
        SmppFixture f = new SmppFixture(
                TestDatabases.postgres(),
                c -> c.window(1, 32, Duration.ofSeconds(1)).throttledFor(Duration.ofMillis(200)),
                b -> b.dispatchThreads(4));
        fixtures.add(f);
        return f;
    }

    private static List<String> recipients(int reservation, int n) {
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            recipients.add("+8210" + reservation + String.format("%04d", i));
        }
        return recipients;
    }

    @Test
    void aDroppedConnectionAndAThrottlingSmscLoseNothingAndBillNothingTwice() {
        SmppFixture f = fixture();
        f.smsc.answerDelay(Duration.ofMillis(5));
        List<List<String>> lists = new ArrayList<>();
        List<Reservation> reservations = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lists.add(recipients(i, 400));
            reservations.add(f.msgsvc.reserve(ReservationRequest.builder()
                    .customerId("acme")
                    .text("Sale " + i)
                    .recipients(lists.get(i))
                    .build()));
        }

        await().atMost(WAIT).until(() -> f.smsc.submits().size() >= 200);
        f.smsc.dropConnections();
        await().atMost(WAIT).until(() -> f.smsc.binds() >= 2 && f.smsc.submits().size() >= 500);
        f.smsc.throttleAll(true);
        await().atMost(WAIT).until(() -> throttled(f) >= 3);
        f.smsc.throttleAll(false);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(reservations)
                        .as("every reservation completed")
                        .map(r -> f.msgsvc.dashboard("acme", r.id()))
                        .allSatisfy(view ->
                                assertThat(view.status()).as(view.toString()).isEqualTo(ReservationStatus.COMPLETED)));
        assertThat(f.smpp.binds()).as("bound again after the drop").isGreaterThanOrEqualTo(2);
        int total = 0;
        for (int i = 0; i < reservations.size(); i++) {
            Reservation r = reservations.get(i);
            List<Delivery> deliveries = f.msgsvc.reservation("acme", r.id()).deliveries();
            assertThat(deliveries).extracting(Delivery::state).containsOnly(DeliveryState.DELIVERED);
            total += deliveries.size();

            // issued in list order, throttled and dropped submits included: a recipient throttled while later ones
            // in flight were accepted is accepted after them, and those are not sent again
            assertThat(SmppOrder.firstSubmits(f.submitsTo(lists.get(i))))
                    .as("first submitted in list order, across the reconnection")
                    .containsExactlyElementsOf(lists.get(i).stream()
                            .map(t -> Submits.Destination.of(t).address())
                            .toList());
            assertThat(SmppOrder.firstSubmits(accepted(f, lists.get(i))))
                    .as("every recipient accepted")
                    .containsExactlyInAnyOrderElementsOf(lists.get(i).stream()
                            .map(t -> Submits.Destination.of(t).address())
                            .toList());
            Map<String, Set<String>> keysByRecipient = f.callsFor(r.id()).stream()
                    .collect(Collectors.groupingBy(
                            OutboundMessage::recipient,
                            Collectors.mapping(OutboundMessage::idempotencyKey, Collectors.toSet())));
            assertThat(keysByRecipient.values())
                    .as("a recipient sent again is the same delivery, with the same idempotency key")
                    .allSatisfy(keys -> assertThat(keys).hasSize(1));
            List<Charge> charges = f.msgsvc.charges("acme", r.id());
            assertThat(charges)
                    .extracting(Charge::deliveryId)
                    .doesNotHaveDuplicates()
                    .hasSize(deliveries.size());
        }
        int expected = total;
        await().atMost(WAIT)
                .until(() -> f.msgsvc
                                .statistics("acme", Instant.EPOCH, Instant.MAX)
                                .totals()
                                .delivered()
                        == expected);
        assertThat(f.msgsvc.billing("acme").charges()).isEqualTo(total);
        assertThat(f.msgsvc.billing("acme").refunds()).isZero();
        assertThat(f.calls.size())
                .as("throttled and dropped submits were sent again")
                .isGreaterThan(total);
    }

    @Test
    void anSmscThatRefusesBindsHoldsTheChannelWithoutUsingUpAttempts() {
        SmppFixture f = fixture();
        f.smsc.refuseBinds(true);
        f.smsc.dropConnections();
        await().atMost(WAIT).until(() -> f.smpp.boundSessions() == 0);
        List<String> to = recipients(7, 5);
        Reservation r = f.msgsvc.reserve(ReservationRequest.builder()
                .customerId("acme")
                .text("Hi")
                .recipients(to)
                .build());

        await().atMost(WAIT).until(() -> !f.calls.isEmpty());
        assertThat(f.smsc.submits())
                .as("nothing goes out while no session is bound")
                .isEmpty();
        f.smsc.refuseBinds(false);

        await().atMost(WAIT).until(() -> f.msgsvc.dashboard("acme", r.id()).status() == ReservationStatus.COMPLETED);
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries())
                .extracting(Delivery::state)
                .containsOnly(DeliveryState.DELIVERED);
        assertThat(accepted(f, to)).hasSize(5);
    }

    private static long throttled(SmppFixture f) {
        return f.smsc.submits().stream()
                .filter(s -> s.commandStatus() == SMPPConstant.STAT_ESME_RTHROTTLED)
                .count();
    }

    private static List<SmscSubmit> accepted(SmppFixture f, List<String> recipients) {
        return f.submitsTo(recipients).stream().filter(SmscSubmit::accepted).toList();
    }
}
