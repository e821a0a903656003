package io.msgsvc.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What a request would become, worked out without storing anything: each recipient's text, message type, units and
 * price, the totals, what would not be sent and why, and when sending would begin and end. The figures are those the
 * engine would bill if every send were accepted (and, when billing on delivery, delivered), by the rules in force
 * now: an opt-out added or a price changed before the send changes the send, not this preview.
 *
 * <p>With an expiry, the recipients whose turn would come at or after it at the sending speed that applies are shown
 * {@link RecipientPreview#expiresUnsent() expiring unsent}: they would end {@link DeliveryState#EXPIRED_UNSENT}, not
 * charged, so they are left out of {@code sendable}, {@code units} and {@code cost}. The pace is the speeds'; a
 * channel slower than them, or retries, can make more of them expire.
 *
 * @param recipients       one per recipient, in sending order
 * @param rejection        why the whole reservation would be rejected when its dispatch starts (its text breaks the
 *                         content policy for every recipient), or null; then nothing is sent or charged
 * @param sendable         recipients that would be sent
 * @param units            the units they would be billed as
 * @param cost             what they would be charged, in total
 * @param startsAt         when sending would begin: the send time asked for (or now), moved to the first moment every
 *                         delivery window that applies is open
 * @param expectedFinishAt when the last send would go at the slowest sending speed that applies (the reservation's,
 *                         its customer's, the channel's), windows closing in between counted; equal to
 *                         {@code startsAt} when no speed applies, since only the channel's pace bounds it then; the
 *                         expiry when recipients would expire unsent, as the reservation ends then
 */
public record Preview(
        List<RecipientPreview> recipients,
        String rejection,
        int sendable,
        long units,
        BigDecimal cost,
        Instant startsAt,
        Instant expectedFinishAt) {

    /**
     * @param recipients       one per recipient; copied
     * @param rejection        why the whole reservation would be rejected, or null
     * @param sendable         recipients that would be sent
     * @param units            the units they would be billed as
     * @param cost             what they would be charged, not null
     * @param startsAt         when sending would begin, not null
     * @param expectedFinishAt when the last send would go, not null
     */
    public Preview {
        recipients = List.copyOf(recipients);
    }

    /**
     * Each recipient that would not be sent, with why: its text's violation, what skips it, or its expiry.
     *
     * @return {@code "recipients[i]: why"} lines in recipient order; the rejection alone when there is one
     */
    public List<String> violations() {
        if (rejection != null) {
            return List.of(rejection);
        }
        return recipients.stream()
                .filter(r -> !r.sendable())
                .map(r -> "recipients[" + r.index() + "]: " + whyNotSent(r))
                .toList();
    }

    private static String whyNotSent(RecipientPreview r) {
        if (!r.size().fits()) {
            return r.size().violation();
        }
        return r.skipped() != null
                ? r.skipped()
                : "would expire unsent: its turn comes at or after the reservation's expiry";
    }
}
