package io.msgsvc.spring.boot.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgsvc.api.DashboardView;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.spring.boot.dashboard.DashboardJson.Progress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One page's queue, with the writer pool held back (its tasks kept, not run): a slow page keeps the newest state of
 * each reservation, takes one drain at a time, and is let go once it is further behind than its capacity.
 */
class DashboardStreamQueueTest {
    private final List<Runnable> heldBack = new ArrayList<>();

    @Test
    void aReservationsNewerStateTakesTheWaitingOnesPlace() {
        DashboardStream stream = new DashboardStream(new SseEmitter(), "acme", 2, heldBack::add);
        ReservationId a = newId();

        for (int sent = 0; sent < 100; sent++) {
            assertThat(stream.offer(row(a, sent))).isTrue();
        }
        assertThat(stream.offer(row(newId(), 0))).isTrue();
        assertThat(stream.isClosed()).isFalse();
        assertThat(heldBack).as("one drain for the whole backlog").hasSize(1);
    }

    @Test
    void aPageFurtherBehindThanItsCapacityIsLetGo() {
        EndedPage page = new EndedPage();
        DashboardStream stream = new DashboardStream(page, null, 3, heldBack::add);

        assertThat(stream.ready()).isTrue();
        assertThat(stream.offer(row(newId(), 1))).isTrue();
        assertThat(stream.offer(row(newId(), 1))).isTrue();
        assertThat(stream.offer(row(newId(), 1))).as("a fourth waiting event").isFalse();
        assertThat(stream.isClosed()).isTrue();
        assertThat(stream.offer(row(newId(), 1))).isFalse();
        assertThat(stream.heartbeat()).isFalse();

        assertThat(page.ended).as("the held-back drain ends the response").isFalse();

        heldBack.forEach(Runnable::run); // the drain ends the response instead of writing
        assertThat(page.ended).isTrue();
        assertThat(page.sent).as("nothing written").isZero();
    }

    @Test
    void closingDuringADrainLeavesEndingTheResponseToTheDrain() {
        EndedPage page = new EndedPage();
        DashboardStream stream = new DashboardStream(page, null, 3, heldBack::add);
        assertThat(stream.ready()).isTrue();

        stream.close();
        assertThat(page.ended)
                .as("a write may hold the emitter: closing does not wait for it")
                .isFalse();
        heldBack.forEach(Runnable::run);
        assertThat(page.ended).isTrue();
        assertThat(page.sent).isZero();
    }

    /** Counts what is written and whether the response was ended. */
    private static final class EndedPage extends SseEmitter {
        int sent;
        boolean ended;

        @Override
        public void send(SseEventBuilder event) {
            sent++;
        }

        @Override
        public void complete() {
            ended = true;
            super.complete();
        }
    }

    @Test
    void aCustomersStreamWantsOnlyThatCustomersRows() {
        assertThat(new DashboardStream(new SseEmitter(), "acme", 1, heldBack::add).wants("globex"))
                .isFalse();
        assertThat(new DashboardStream(new SseEmitter(), "acme", 1, heldBack::add).wants("acme"))
                .isTrue();
        assertThat(new DashboardStream(new SseEmitter(), null, 1, heldBack::add).wants("globex"))
                .as("an operator's stream of every customer")
                .isTrue();
    }

    private static ReservationId newId() {
        return new ReservationId(UUID.randomUUID());
    }

    private static Progress row(ReservationId id, int sent) {
        return Progress.of(new DashboardView(
                id, "acme", 100, sent, 0, 0, ReservationStatus.DISPATCHING, Instant.EPOCH.plusSeconds(sent)));
    }
}
