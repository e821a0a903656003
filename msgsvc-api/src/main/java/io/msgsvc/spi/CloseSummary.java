package io.msgsvc.spi;

/** Counts of a reservation's deliveries at the moment it is closed. */
public record CloseSummary(int total, int sent, int failed, int cancelled) {}
