package io.msgsvc.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.Charge;
import io.msgsvc.api.DashboardView;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationDetails;
import io.msgsvc.api.StatisticsCounters;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The split-roles suite's invariants, read through the engine's own queries (so they hold whatever the projections
 * keep underneath) and the gateway's tables: every delivery ended once, the gateway's messages are exactly the sent
 * deliveries, each recipient was called under one key and first in list order, and status, billing, statistics and
 * dashboard each count every delivery once.
 */
final class ExactlyOnce {
    /** What a run came to, for its report line. */
    record Figures(int deliveries, long sent, long failed, long calls, long repeatedAccepted) {}

    private ExactlyOnce() {}

    static Figures check(Msgsvc reader, List<Reservation> reservations, GatewayLog gateway) throws SQLException {
        Map<String, StatisticsCounters> expected = new TreeMap<>();
        Set<String> sentKeys = new HashSet<>();
        int deliveries = 0;
        for (Reservation booked : reservations) {
            String customer = booked.customerId();
            ReservationDetails details = reader.reservation(customer, booked.id());
            Reservation r = details.reservation();
            int sent = 0, failed = 0, cancelled = 0;
            Set<Integer> sentSequences = new HashSet<>();
            for (Delivery d : details.deliveries()) {
                switch (d.state()) {
                    case SENT -> {
                        sent++;
                        sentSequences.add(d.id().sequence());
                        sentKeys.add(d.id().reservationId().value() + "/" + d.id().sequence());
                    }
                    case FAILED -> failed++;
                    case CANCELLED -> cancelled++;
                    default -> throw new AssertionError("not ended: " + d);
                }
            }
            deliveries += details.deliveries().size();
            assertThat(r.status().isTerminal())
                    .as("%s ended: %s", r.id(), r.status())
                    .isTrue();
            assertThat(List.of(r.sent(), r.failed(), r.cancelled()))
                    .as("status counts of %s", r.id())
                    .containsExactly(sent, failed, cancelled);
            DashboardView row = reader.dashboard(customer, r.id());
            assertThat(List.of(row.sent(), row.failed(), row.cancelled()))
                    .as("dashboard counts of %s", r.id())
                    .containsExactly(sent, failed, cancelled);
            assertThat(row.status()).as("dashboard status of %s", r.id()).isEqualTo(r.status());
            List<Integer> charged = reader.charges(customer, r.id()).stream()
                    .map(Charge::deliveryId)
                    .map(id -> id.sequence())
                    .toList();
            assertThat(charged).as("one charge per sent delivery of %s", r.id()).doesNotHaveDuplicates();
            assertThat(new HashSet<>(charged))
                    .as("charged deliveries of %s", r.id())
                    .isEqualTo(sentSequences);
            expected.merge(customer, new StatisticsCounters(1, sent, failed, 0, cancelled), StatisticsCounters::plus);
        }
        for (var e : expected.entrySet()) {
            assertThat(reader.billing(e.getKey()).charges())
                    .as("billing total of %s", e.getKey())
                    .isEqualTo(e.getValue().sent());
            assertThat(reader.statistics(e.getKey(), Instant.EPOCH, Instant.MAX).totals())
                    .as("statistics of %s", e.getKey())
                    .isEqualTo(e.getValue());
        }
        assertThat(gateway.acceptedKeys())
                .as("the gateway's messages are the sent deliveries: none lost, none extra")
                .isEqualTo(sentKeys);
        assertThat(gateway.callsWithAForeignKey())
                .as("calls under another key than their delivery's")
                .isZero();
        assertThat(gateway.recipientsWithTwoKeys())
                .as("recipients called under two keys")
                .isZero();
        assertThat(gateway.calledOutOfListOrder())
                .as("recipients first called before an earlier one")
                .isZero();
        long sent =
                expected.values().stream().mapToLong(StatisticsCounters::sent).sum();
        long failed =
                expected.values().stream().mapToLong(StatisticsCounters::failed).sum();
        return new Figures(deliveries, sent, failed, gateway.calls(), gateway.repeatedAccepted());
    }

    /** Charges billed so far over these customers: how far the billing projection has got. */
    static long charges(Msgsvc reader, Set<String> customers) {
        return customers.stream().mapToLong(c -> reader.billing(c).charges()).sum();
    }
}
