package io.msgsvc.kafka;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.msgsvc.api.DashboardView;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/**
 * A dashboard row as the broadcast topic carries it: flat JSON of its own, so the wire format does not follow every
 * change of {@link DashboardView}'s Java shape. Unknown fields are ignored, so a newer writer may add some.
 */
final class DashboardRowJson {
    /** Of the payload's format; a reader skips rows of another version. */
    static final int VERSION = 1;

    static final String VERSION_HEADER = "msgsvc-dashboard-version";

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    byte[] encode(DashboardView view) {
        try {
            return mapper.writeValueAsBytes(new Row(
                    view.reservationId().toString(),
                    view.customerId(),
                    view.total(),
                    view.sent(),
                    view.failed(),
                    view.cancelled(),
                    view.awaiting(),
                    view.delivered(),
                    view.undelivered(),
                    view.status().name(),
                    view.updatedAt(),
                    view.startedAt(),
                    view.nextSendAt()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode the dashboard row of " + view.reservationId(), e);
        }
    }

    /** @throws IllegalArgumentException for a payload that is not a complete row, naming what is wrong */
    DashboardView decode(byte[] payload) {
        if (payload == null) {
            throw new IllegalArgumentException("empty record");
        }
        Row row;
        try {
            row = mapper.readValue(payload, Row.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable dashboard row: " + e.getMessage(), e);
        }
        if (row.reservationId() == null || row.customerId() == null || row.status() == null) {
            throw new IllegalArgumentException(
                    "incomplete dashboard row: reservationId, customerId and status are required");
        }
        ReservationStatus status;
        try {
            status = ReservationStatus.valueOf(row.status());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown status '" + row.status() + "'", e);
        }
        ReservationId reservationId;
        try {
            reservationId = new ReservationId(UUID.fromString(row.reservationId()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("reservationId is not a reservation id: " + row.reservationId(), e);
        }
        return new DashboardView(
                reservationId,
                row.customerId(),
                row.total(),
                row.sent(),
                row.failed(),
                row.cancelled(),
                row.awaiting(),
                row.delivered(),
                row.undelivered(),
                status,
                row.updatedAt(),
                row.startedAt(),
                row.nextSendAt());
    }

    record Row(
            String reservationId,
            String customerId,
            int total,
            int sent,
            int failed,
            int cancelled,
            int awaiting,
            int delivered,
            int undelivered,
            String status,
            Instant updatedAt,
            Instant startedAt,
            Instant nextSendAt) {}
}
