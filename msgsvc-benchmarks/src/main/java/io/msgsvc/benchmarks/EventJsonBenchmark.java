package io.msgsvc.benchmarks;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.MessageType;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.json.EventJson;
import java.time.Instant;
import java.util.UUID;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The outbox's per-event cost: every send result is encoded once (written with the result) and decoded once (by
 * the relay). Run: {@code mvn -B -ntp -q -pl msgsvc-benchmarks exec:exec@jmh}.
 */
@State(Scope.Benchmark)
public class EventJsonBenchmark {
    private EventJson json;
    private ReservationEvent.MsgSent event;
    private String encoded;

    @Setup
    public void setUp() {
        json = new EventJson();
        ReservationId reservation = ReservationId.random();
        event = new ReservationEvent.MsgSent(
                UUID.randomUUID(),
                reservation,
                "acme",
                Instant.now(),
                new DeliveryId(reservation, 42),
                "+8210-1111-2222",
                1,
                "provider-ref-42",
                MessageType.SMS,
                1);
        encoded = json.encode(event);
    }

    @Benchmark
    public String encodeMsgSent() {
        return json.encode(event);
    }

    @Benchmark
    public ReservationEvent decodeMsgSent() {
        return json.decode("MsgSent", encoded);
    }
}
