package io.msgsvc.examples.web;

import java.time.Instant;
import java.util.List;

/** Body of {@code POST /api/reservations}; an absent {@code sendAt} means now. */
public record NewReservationJson(String subject, String text, List<String> recipients, Instant sendAt) {}
