package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.ReportStatus;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The engine's log lines name the reservation and delivery they are about, in the MDC, and leave nothing behind. */
class LogContextTest {
    private static final String RESERVATION = "msgsvc.reservationId";
    private static final String DELIVERY = "msgsvc.deliveryId";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Logger channelLog = (Logger) LoggerFactory.getLogger(ChannelInvoker.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Level levelBefore;
    private Msgsvc engine;

    @BeforeEach
    void listen() {
        levelBefore = channelLog.getLevel();
        channelLog.setLevel(Level.DEBUG);
        lines.start();
        channelLog.addAppender(lines);
    }

    @AfterEach
    void stop() {
        channelLog.detachAppender(lines);
        channelLog.setLevel(levelBefore);
        if (engine != null) {
            engine.close();
        }
        MDC.clear();
    }

    private static Map<String, String> mdc() {
        Map<String, String> copy = MDC.getCopyOfContextMap();
        return copy == null ? Map.of() : new HashMap<>(copy);
    }

    private void awaitStatus(ReservationId id, ReservationStatus status) {
        await().atMost(WAIT)
                .until(() -> engine.reservation("acme", id).reservation().status() == status);
    }

    @Test
    void aChannelFailureLineCarriesTheReservationAndDeliveryAndTheDispatchingThreadKeepsNoDeliveryAfter() {
        AtomicBoolean failedOnce = new AtomicBoolean();
        List<Map<String, String>> duringCalls = new CopyOnWriteArrayList<>();
        MessageChannel channel = message -> {
            duringCalls.add(mdc());
            if (failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("gateway down");
            }
            return SendOutcome.accepted("ref");
        };
        List<Map<String, String>> atDispatchStart = new CopyOnWriteArrayList<>();
        engine = Msgsvc.builder()
                .channel(channel)
                .dispatchThreads(1) // every dispatch on the same thread: what one leaves, the next would see
                .retryPolicy(RetryPolicy.exponential(3, Duration.ofMillis(10), 2, Duration.ofMillis(50)))
                .pollInterval(Duration.ofMillis(50))
                .eventListener(event -> {
                    if (event instanceof ReservationEvent.DispatchStarted) {
                        atDispatchStart.add(mdc());
                    }
                })
                .build()
                .start();

        Reservation first = engine.reserve(request("+100", "+200"));
        awaitStatus(first.id(), ReservationStatus.COMPLETED);
        Reservation second = engine.reserve(request("+300"));
        awaitStatus(second.id(), ReservationStatus.COMPLETED);

        DeliveryId failed = new DeliveryId(first.id(), 0);
        ILoggingEvent line = lines.list.stream()
                .filter(e -> e.getFormattedMessage().startsWith("channel threw for"))
                .findFirst()
                .orElseThrow();
        assertThat(line.getMDCPropertyMap())
                .containsEntry(RESERVATION, first.id().toString())
                .containsEntry(DELIVERY, failed.toString());
        assertThat(duringCalls)
                .containsExactly(
                        Map.of(RESERVATION, first.id().toString(), DELIVERY, failed.toString()),
                        Map.of(RESERVATION, first.id().toString(), DELIVERY, failed.toString()),
                        Map.of(RESERVATION, first.id().toString(), DELIVERY, new DeliveryId(first.id(), 1).toString()),
                        Map.of(
                                RESERVATION,
                                second.id().toString(),
                                DELIVERY,
                                new DeliveryId(second.id(), 0).toString()));
        assertThat(atDispatchStart)
                .as("told on the dispatching thread after the first run's calls and projections: no delivery left")
                .containsExactly(
                        Map.of(RESERVATION, first.id().toString()),
                        Map.of(RESERVATION, second.id().toString()));
    }

    @Test
    void aReportGivesTheCallersOwnMdcBack() {
        engine = Msgsvc.builder()
                .channel(message -> SendOutcome.accepted("ref"))
                .build()
                .start();
        Reservation r = engine.reserve(request("+100"));
        awaitStatus(r.id(), ReservationStatus.COMPLETED);

        MDC.put(RESERVATION, "the host's own");
        engine.reportDelivery(DeliveryReport.forDelivery(new DeliveryId(r.id(), 0))
                .status(ReportStatus.DELIVERED)
                .build());

        assertThat(mdc()).isEqualTo(Map.of(RESERVATION, "the host's own"));
    }

    private static ReservationRequest request(String... recipients) {
        return ReservationRequest.builder()
                .customerId("acme")
                .text("Hello")
                .recipients(recipients)
                .build();
    }
}
