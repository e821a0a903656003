package io.msgsvc.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.MessageType;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import java.time.Instant;
import java.util.List;
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

    @Test
    void pauseResumeAndRescheduleEventsSurviveTheWire() {
        EventJson json = new EventJson();
        ReservationId id = ReservationId.random();
        Instant at = Instant.parse("2026-05-01T10:00:00.123456Z");
        List<ReservationEvent> events = List.of(
                new ReservationEvent.ReservationPaused(UUID.randomUUID(), id, "acme", at),
                new ReservationEvent.ReservationResumed(UUID.randomUUID(), id, "acme", at, at.plusSeconds(60), true),
                new ReservationEvent.ReservationRescheduled(
                        UUID.randomUUID(), id, "acme", at, at.plusSeconds(3600), at.plusSeconds(7200)));
        for (ReservationEvent event : events) {
            assertThat(json.decode(event.type(), json.encode(event))).isEqualTo(event);
        }
        assertThat(events)
                .extracting(ReservationEvent::type)
                .containsExactly("ReservationPaused", "ReservationResumed", "ReservationRescheduled");
    }

    @Test
    void sentEventsCarryTypeAndUnitsAndOlderOnesReadAsOneSms() {
        EventJson json = new EventJson();
        ReservationId id = ReservationId.random();
        Instant at = Instant.parse("2026-05-01T10:00:00.123456Z");
        ReservationEvent.MsgSent lms = new ReservationEvent.MsgSent(
                UUID.randomUUID(), id, "acme", at, new DeliveryId(id, 0), "+1", 1, "ref-1", MessageType.LMS, 1);
        ReservationEvent.MsgSubmitted split = new ReservationEvent.MsgSubmitted(
                UUID.randomUUID(), id, "acme", at, new DeliveryId(id, 1), "+2", 1, "ref-2", MessageType.SMS, 3);
        assertThat(json.decode(lms.type(), json.encode(lms))).isEqualTo(lms);
        assertThat(json.decode(split.type(), json.encode(split))).isEqualTo(split);
        assertThat(json.encode(split)).contains("\"messageType\":\"SMS\"", "\"units\":3");

        // written by a version before sizing: neither field
        String older = json.encode(lms).replace(",\"messageType\":\"LMS\"", "").replace(",\"units\":1", "");
        assertThat(older).doesNotContain("messageType", "units");
        ReservationEvent.MsgSent read = (ReservationEvent.MsgSent) json.decode("MsgSent", older);
        assertThat(read.messageType()).isEqualTo(MessageType.SMS);
        assertThat(read.units()).isEqualTo(1);
        assertThat(read.providerReference()).isEqualTo("ref-1");
        String olderSubmitted =
                json.encode(split).replace(",\"messageType\":\"SMS\"", "").replace(",\"units\":3", "");
        assertThat(json.decode("MsgSubmitted", olderSubmitted))
                .isEqualTo(new ReservationEvent.MsgSubmitted(
                        split.eventId(), id, "acme", at, new DeliveryId(id, 1), "+2", 1, "ref-2", MessageType.SMS, 1));
    }
}
