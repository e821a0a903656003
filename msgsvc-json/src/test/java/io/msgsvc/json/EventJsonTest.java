package io.msgsvc.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Events on the wire: what the JDBC outbox stores and Kafka carries. */
class EventJsonTest {

    @Test
    void eventsSurviveTheWireAndUnknownTypesAreNamed() {
        EventJson json = new EventJson();
        ReservationEvent.SendFailed event = new ReservationEvent.SendFailed(
                UUID.randomUUID(),
                ReservationId.random(),
                "acme",
                Instant.parse("2026-05-01T10:00:00.123456Z"),
                new DeliveryId(ReservationId.random(), 7),
                "+1",
                2,
                "blocked",
                true);
        assertThat(json.decode(event.type(), json.encode(event))).isEqualTo(event);
        assertThatThrownBy(() -> json.decode("Nope", "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown event type 'Nope'");
        assertThatThrownBy(() -> json.decode("MsgSent", "{not json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unreadable MsgSent");
    }
}
