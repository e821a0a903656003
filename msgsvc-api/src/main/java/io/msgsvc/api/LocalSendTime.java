package io.msgsvc.api;

import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * A send time given as a wall-clock time in a zone ({@link ReservationRequest.Builder#sendAt(LocalDateTime, ZoneId)}).
 *
 * @param dateTime the local date-time, as given
 * @param zone     its zone, as given
 */
public record LocalSendTime(LocalDateTime dateTime, ZoneId zone) {}
