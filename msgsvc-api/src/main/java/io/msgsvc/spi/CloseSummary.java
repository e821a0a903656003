package io.msgsvc.spi;

/**
 * Counts of a reservation's deliveries at the moment it is closed.
 *
 * @param total     every delivery
 * @param sent      those the channel accepted, whatever their reports say
 * @param failed    those failed
 * @param cancelled those cancelled, the ones this close cancelled included
 */
public record CloseSummary(int total, int sent, int failed, int cancelled) {}
