package io.msgsvc.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.msgsvc.Msgsvc;
import io.msgsvc.MsgsvcBuilder;
import io.msgsvc.Role;
import io.msgsvc.api.AsyncMessageChannel;
import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.OptOutRequest;
import io.msgsvc.api.OptOutScope;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.ReportStatus;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.testkit.EngineFixture;
import io.msgsvc.testkit.ManualClock;
import io.msgsvc.testkit.RecordingChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The meters move exactly as the deliveries happen, on the node that does the work: in-memory engines on a manual
 * clock, read through a real {@link SimpleMeterRegistry}.
 */
class MsgsvcMetersTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    @Test
    void eachSendIsCountedByOutcomeRetryAndThrottleAsItHappens() {
        MsgsvcMeters meters = new MsgsvcMeters();
        meters.bindTo(registry);
        EngineFixture f = fixture(new RecordingChannel(), b -> b.metrics(meters));
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        f.channel.answerWith(m -> {
            int call = calls.computeIfAbsent(m.recipient(), r -> new AtomicInteger())
                    .incrementAndGet();
            return switch (m.recipient()) {
                case "+perm" -> SendOutcome.permanentFailure("no such number");
                case "+flaky" -> call == 1 ? SendOutcome.transientFailure("busy") : accepted(m);
                case "+dead" -> SendOutcome.transientFailure("down"); // all three attempts
                case "+slow" -> call == 1 ? SendOutcome.throttled(Duration.ofSeconds(1)) : accepted(m);
                case "+busy" -> call == 1 ? SendOutcome.channelThrottled(Duration.ofSeconds(1)) : accepted(m);
                default -> accepted(m);
            };
        });
        Reservation plain = f.msgsvc.reserve(
                EngineFixture.request("acme", "Hi", "+1", "+2", "+perm").build());
        Reservation flaky =
                f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+flaky").build());
        Reservation dead =
                f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+dead").build());
        Reservation slow =
                f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+slow").build());

        // first pass: each recipient called once; the ones that must wait have their answer counted
        await().atMost(WAIT).until(() -> calls.size() == 6 && attempts(f, dead) == 1 && attempts(f, flaky) == 1);
        awaitEnded(f, plain);
        assertThat(sends("sent")).isEqualTo(2);
        assertThat(sends("failed_permanently")).isEqualTo(1);
        assertThat(count("msgsvc.retries", Tags.empty())).isEqualTo(2);
        assertThat(count("msgsvc.throttles", Tags.of("scope", "reservation"))).isEqualTo(1);
        assertThat(count("msgsvc.throttles", Tags.of("scope", "channel"))).isZero();
        assertThat(sends("failed_after_retries")).isZero();
        // alone, so that the channel it holds keeps no other reservation from its first call
        Reservation busy =
                f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+busy").build());
        await().atMost(WAIT).until(() -> count("msgsvc.throttles", Tags.of("scope", "channel")) == 1);

        f.clock.advance(Duration.ofSeconds(10)); // the first backoff, and past both throttles
        awaitEnded(f, flaky);
        awaitEnded(f, slow);
        awaitEnded(f, busy);
        await().atMost(WAIT).until(() -> attempts(f, dead) == 2);
        f.clock.advance(Duration.ofSeconds(20)); // the second backoff: the last attempt
        awaitEnded(f, dead);

        assertThat(sends("sent")).isEqualTo(5);
        assertThat(sends("submitted")).isZero();
        assertThat(sends("failed_permanently")).isEqualTo(1);
        assertThat(sends("failed_after_retries")).isEqualTo(1);
        assertThat(count("msgsvc.retries", Tags.empty()))
                .as("+flaky once, +dead twice")
                .isEqualTo(3);
        assertThat(count("msgsvc.throttles", Tags.of("scope", "reservation"))).isEqualTo(1);
        assertThat(count("msgsvc.throttles", Tags.of("scope", "channel"))).isEqualTo(1);
        assertThat(count("msgsvc.reservations.registered", Tags.empty())).isEqualTo(5);
        // inline projection: no relay, no lag to measure
        assertThat(timer("msgsvc.outbox.lag", Tags.empty()).count()).isZero();
    }

    @Test
    void aNodeThatOnlySendsCountsItsOwnSendsAndTheProjectingNodeItsLag() {
        InMemoryStorage storage = new InMemoryStorage();
        MsgsvcMeters senderMeters = new MsgsvcMeters(Tags.of("node", "sender"), MsgsvcMeters.DEFAULT_HEALTH_CACHE);
        MsgsvcMeters projectorMeters =
                new MsgsvcMeters(Tags.of("node", "projector"), MsgsvcMeters.DEFAULT_HEALTH_CACHE);
        senderMeters.bindTo(registry);
        projectorMeters.bindTo(registry);
        EngineFixture f = fixture(
                storage,
                new RecordingChannel(),
                b -> b.roles(Role.RELAY, Role.STATUS, Role.BILLING, Role.STATISTICS, Role.DASHBOARD)
                        .metrics(projectorMeters));
        Msgsvc sender =
                f.anotherNode(b -> b.roles(Role.SENDER).metrics(senderMeters)).start();

        Reservation r = f.msgsvc.reserve(
                EngineFixture.request("acme", "Hi", "+1", "+2", "+3").build());
        awaitEnded(f, r);

        assertThat(count("msgsvc.sends", Tags.of("node", "sender", "outcome", "sent")))
                .isEqualTo(3);
        assertThat(count("msgsvc.sends", Tags.of("node", "projector", "outcome", "sent")))
                .as("the projecting node sent nothing")
                .isZero();
        assertThat(count("msgsvc.reservations.registered", Tags.of("node", "projector")))
                .isEqualTo(1);
        assertThat(count("msgsvc.reservations.registered", Tags.of("node", "sender")))
                .isZero();
        // every event went through the outbox: the projecting node relayed and projected them, each role its batches
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(timer("msgsvc.outbox.lag", Tags.of("node", "projector")).count())
                    .isPositive();
            for (Role role : Role.PROJECTIONS) {
                assertThat(timer("msgsvc.projection.lag", Tags.of("node", "projector", "role", role.consumerName()))
                                .count())
                        .as(role.name())
                        .isPositive();
                assertThat(timer("msgsvc.projection.lag", Tags.of("node", "sender", "role", role.consumerName()))
                                .count())
                        .isZero();
            }
        });
        assertThat(timer("msgsvc.outbox.lag", Tags.of("node", "sender")).count())
                .isZero();
        assertThat(sender.isRunning()).isTrue();
    }

    @Test
    void reportsAreCountedByFinalStateAndTheResultTimeoutAsUnknown() {
        MsgsvcMeters meters = new MsgsvcMeters();
        meters.bindTo(registry);
        EngineFixture f = fixture(
                RecordingChannel.reporting(),
                b -> b.awaitReportsFor(Duration.ofMinutes(1)).metrics(meters));
        Reservation r = f.msgsvc.reserve(
                EngineFixture.request("acme", "Hi", "+1", "+2", "+3", "+4").build());
        await().atMost(WAIT).until(() -> sends("submitted") == 4);

        f.msgsvc.reportDeliveries(List.of(
                report("+1", ReportStatus.DELIVERED, f, r),
                report("+2", ReportStatus.UNDELIVERED, f, r),
                report("+3", ReportStatus.EXPIRED, f, r),
                report("+3", ReportStatus.EXPIRED, f, r))); // a duplicate changes nothing

        assertThat(reports("delivered")).isEqualTo(1);
        assertThat(reports("undelivered")).isEqualTo(1);
        assertThat(reports("expired")).isEqualTo(1);
        assertThat(reports("unknown")).isZero();
        f.clock.advance(Duration.ofMinutes(2)); // +4 had no report within the result timeout
        await().atMost(WAIT).until(() -> reports("unknown") == 1);
        awaitEnded(f, r);
        assertThat(sends("sent")).isZero();
    }

    @Test
    void deliveriesEndedUnsentByTheCampaignRulesAreCountedByReason() {
        MsgsvcMeters meters = new MsgsvcMeters();
        meters.bindTo(registry);
        AtomicReference<ManualClock> clock = new AtomicReference<>();
        RecordingChannel channel = new RecordingChannel(m -> {
            if (m.recipient().equals("+12")) {
                clock.get().advance(Duration.ofHours(2)); // the expiry passes while +12 is being sent
            }
            return accepted(m);
        });
        EngineFixture f = fixture(channel, b -> b.sendWindow(1).metrics(meters));
        clock.set(f.clock);
        f.msgsvc.optOuts().add("acme", new OptOutRequest("+2", OptOutScope.ALL, "replied STOP"));

        Reservation optedOut = f.msgsvc.reserve(
                EngineFixture.request("acme", "Hi", "+1", "+2", "+3").build());
        awaitEnded(f, optedOut);
        await().atMost(WAIT).until(() -> count("msgsvc.deliveries.unsent", Tags.of("reason", "opted_out")) == 1);
        Reservation expiring = f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+11", "+12", "+13", "+14")
                .maxLateness(Duration.ofHours(1))
                .build());
        awaitEnded(f, expiring);

        // counted once the close commits, which readers may see a moment before
        await().atMost(WAIT).until(() -> count("msgsvc.deliveries.unsent", Tags.of("reason", "expired")) == 2);
        assertThat(count("msgsvc.deliveries.unsent", Tags.of("reason", "opted_out")))
                .isEqualTo(1);
        assertThat(sends("sent")).as("+1, +3, +11, +12").isEqualTo(4);
    }

    @Test
    void inFlightIsTheCallsIssuedAndNotAnsweredAndEachPoolHasExecutorMeters() {
        MsgsvcMeters meters = new MsgsvcMeters();
        meters.bindTo(registry); // bound before the engine is built: the pools come once it is
        List<CompletableFuture<SendOutcome>> pending = new CopyOnWriteArrayList<>();
        AsyncMessageChannel gateway = message -> {
            CompletableFuture<SendOutcome> answer = new CompletableFuture<>();
            pending.add(answer);
            return answer;
        };
        Msgsvc engine = Msgsvc.builder()
                .channel(gateway)
                .sendWindow(4)
                .metrics(meters)
                .build()
                .start();
        closing.add(engine);
        Gauge inFlight = registry.get("msgsvc.window.in.flight").gauge();
        assertThat(inFlight.value()).isZero();

        Reservation r = engine.reserve(EngineFixture.request("acme", "Hi", "+1", "+2", "+3", "+4", "+5", "+6")
                .build());
        await().atMost(WAIT).until(() -> pending.size() == 4);
        assertThat(inFlight.value()).as("the window is full").isEqualTo(4);
        pending.get(0).complete(SendOutcome.accepted("a"));
        pending.get(1).complete(SendOutcome.accepted("b"));
        await().atMost(WAIT).until(() -> pending.size() == 6);
        assertThat(inFlight.value()).isEqualTo(4);
        pending.forEach(answer -> answer.complete(SendOutcome.accepted("ok")));
        await().atMost(WAIT)
                .until(() -> engine.reservation("acme", r.id()).reservation().status() == ReservationStatus.COMPLETED);
        assertThat(inFlight.value()).isZero();
        assertThat(sends("sent")).isEqualTo(6);

        for (String pool : List.of("dispatch", "results", "channel")) {
            assertThat(registry.find("msgsvc.executor.completed")
                            .tag("name", pool)
                            .functionCounter())
                    .as(pool)
                    .isNotNull();
        }
        assertThat(registry.get("msgsvc.executor.pool.core")
                        .tag("name", "dispatch")
                        .gauge()
                        .value())
                .isEqualTo(8);
    }

    @Test
    void storageGaugesReadOneCachedHealthSnapshot() {
        MsgsvcMeters cached = new MsgsvcMeters(Tags.of("cache", "hour"), Duration.ofHours(1));
        MsgsvcMeters fresh = new MsgsvcMeters(Tags.of("cache", "none"), Duration.ofNanos(1));
        cached.bindTo(registry);
        fresh.bindTo(registry);
        InMemoryStorage storage = new InMemoryStorage();
        ManualClock clock = ManualClock.startingAt(EngineFixture.T0);
        // never started: the reservations stay due, no sender takes them
        Msgsvc one = stoppedEngine(storage, clock, cached);
        Msgsvc other = stoppedEngine(storage, clock, fresh);
        one.reserve(EngineFixture.request("acme", "Hi", "+1").build());
        clock.advance(Duration.ofSeconds(30));

        assertThat(gauge("msgsvc.dispatch.backlog", Tags.of("cache", "hour"))).isEqualTo(1);
        assertThat(timeGauge("msgsvc.dispatch.oldest.due.age", Tags.of("cache", "hour")))
                .isEqualTo(30.0);
        other.reserve(EngineFixture.request("acme", "Hi", "+2").build());

        assertThat(gauge("msgsvc.dispatch.backlog", Tags.of("cache", "hour")))
                .as("the snapshot of a moment ago serves")
                .isEqualTo(1);
        assertThat(gauge("msgsvc.dispatch.backlog", Tags.of("cache", "none"))).isEqualTo(2);
        assertThat(gauge("msgsvc.leases", Tags.of("cache", "none", "state", "expired")))
                .isZero();
        assertThat(gauge("msgsvc.outbox.backlog", Tags.of("cache", "none"))).isZero();
        assertThat(cached.health().running()).isFalse();
    }

    private Msgsvc stoppedEngine(InMemoryStorage storage, ManualClock clock, MsgsvcMeters meters) {
        Msgsvc engine = Msgsvc.builder()
                .storage(storage)
                .channel(new RecordingChannel())
                .clock(clock)
                .metrics(meters)
                .build();
        closing.add(engine);
        return engine;
    }

    @Test
    void withoutAnEngineTheGaugesSayNothingAndCountersStartAtZero() {
        MsgsvcMeters meters = new MsgsvcMeters();
        meters.bindTo(registry);

        assertThat(registry.get("msgsvc.window.in.flight").gauge().value()).isNaN();
        assertThat(registry.get("msgsvc.dispatch.backlog").gauge().value()).isNaN();
        assertThat(sends("sent")).isZero();
        assertThat(registry.getMeters())
                .allSatisfy(meter -> assertThat(meter.getId().getDescription()).isNotBlank());
        assertThat(registry.getMeters())
                .filteredOn(meter -> !(meter instanceof Timer) && !(meter instanceof TimeGauge))
                .allSatisfy(meter -> assertThat(meter.getId().getBaseUnit()).isNotBlank());
    }

    private EngineFixture fixture(RecordingChannel channel, UnaryOperator<MsgsvcBuilder> customize) {
        return fixture(new InMemoryStorage(), channel, customize);
    }

    private EngineFixture fixture(
            InMemoryStorage storage, RecordingChannel channel, UnaryOperator<MsgsvcBuilder> customize) {
        EngineFixture f = new EngineFixture(storage, channel, customize);
        closing.add(f);
        return f;
    }

    private static SendOutcome accepted(OutboundMessage m) {
        return SendOutcome.accepted(RecordingChannel.referenceOf(m));
    }

    private static DeliveryReport report(String recipient, ReportStatus status, EngineFixture f, Reservation r) {
        OutboundMessage call = f.channel.callsFor(r.id()).stream()
                .filter(m -> m.recipient().equals(recipient))
                .findFirst()
                .orElseThrow();
        return DeliveryReport.forDelivery(call.deliveryId()).status(status).build();
    }

    private static int attempts(EngineFixture f, Reservation r) {
        return f.msgsvc.reservation("acme", r.id()).deliveries().get(0).attempts();
    }

    private static void awaitEnded(EngineFixture f, Reservation r) {
        await().atMost(WAIT).pollInterval(10, TimeUnit.MILLISECONDS).until(() -> {
            ReservationStatus status =
                    f.msgsvc.reservation("acme", r.id()).reservation().status();
            return status != ReservationStatus.SCHEDULED
                    && status != ReservationStatus.DISPATCHING
                    && status != ReservationStatus.AWAITING_RESULTS;
        });
    }

    private double sends(String outcome) {
        return count("msgsvc.sends", Tags.of("outcome", outcome));
    }

    private double reports(String state) {
        return count("msgsvc.reports", Tags.of("state", state));
    }

    private double count(String name, Tags tags) {
        FunctionCounter counter = registry.get(name).tags(tags).functionCounter();
        return counter.count();
    }

    private double gauge(String name, Tags tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    private double timeGauge(String name, Tags tags) {
        return registry.get(name).tags(tags).timeGauge().value(TimeUnit.SECONDS);
    }

    private Timer timer(String name, Tags tags) {
        return registry.get(name).tags(tags).timer();
    }
}
