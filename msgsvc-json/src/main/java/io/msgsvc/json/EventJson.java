package io.msgsvc.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.msgsvc.api.ReservationEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * Events as JSON, with the type kept beside the payload ({@link ReservationEvent#type()}). Unknown fields are
 * ignored so a newer writer's additions do not break an older reader.
 */
public final class EventJson {
    /** Version of the payload format; bumped when a field changes meaning. */
    public static final int VERSION = 1;

    private static final Map<String, Class<? extends ReservationEvent>> TYPES = new HashMap<>();

    static {
        for (Class<?> type : ReservationEvent.class.getPermittedSubclasses()) {
            @SuppressWarnings("unchecked")
            Class<? extends ReservationEvent> eventType = (Class<? extends ReservationEvent>) type;
            TYPES.put(type.getSimpleName(), eventType);
        }
    }

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * {@return the event's payload as JSON}, without its type, which travels beside it
     *
     * @param event the event
     * @throws IllegalArgumentException if it cannot be written
     */
    public String encode(ReservationEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + event.type(), e);
        }
    }

    /**
     * {@return the event of the given type read from its JSON payload}; a payload written before messages were sized
     * reads as one SMS per send
     *
     * @param type the event's {@link ReservationEvent#type()}
     * @param json its payload, as {@link #encode} wrote it
     * @throws IllegalArgumentException for an unknown type or unreadable JSON, naming which
     */
    public ReservationEvent decode(String type, String json) {
        Class<? extends ReservationEvent> eventType = TYPES.get(type);
        if (eventType == null) {
            throw new IllegalArgumentException("unknown event type '" + type + "'");
        }
        try {
            return BeforeSizing.read(mapper.readValue(json, eventType)); // older sends: one SMS each
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable " + type + " payload: " + e.getOriginalMessage(), e);
        }
    }
}
