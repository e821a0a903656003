package io.msgsvc;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.MessageSize;
import io.msgsvc.api.OptOut;
import io.msgsvc.api.Preview;
import io.msgsvc.api.RecipientPreview;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.SendingSpeed;
import io.msgsvc.spi.NewReservation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Works out a {@link Preview} with the very steps a real reservation goes through: the registration's validation,
 * the dispatch-start check of the text, each recipient's rendering sized as its send would be, and the pricing the
 * billing projection would apply. Nothing is stored and nothing is sent.
 */
final class Previewer {
    /** As many addresses as one opt-out lookup takes. */
    private static final int LOOKUP_CHUNK = 1000;

    private final EngineConfig config;
    private final RequestValidator validator;
    private final OptOutGate optOuts;

    Previewer(EngineConfig config, RequestValidator validator, OptOutGate optOuts) {
        this.config = config;
        this.validator = validator;
        this.optOuts = optOuts;
    }

    Preview preview(ReservationRequest request) {
        Instant now = config.clock().instant();
        NewReservation r = validator.validate(request, now); // refuses exactly what reserve would
        ContentPolicy content = config.contentPolicy();
        String rejection = content.violationAtDispatch(r.subject(), Template.fixedText(r.text()), config.channel())
                .orElse(null);
        Map<Integer, String> optedOut = optedOut(r);
        List<RecipientPreview> recipients = new ArrayList<>(r.recipients().size());
        int sendable = 0;
        long units = 0;
        BigDecimal cost = BigDecimal.ZERO;
        for (int i = 0; i < r.recipients().size(); i++) {
            String recipient = r.recipients().get(i);
            Map<String, String> variables = r.recipientVariables().isEmpty()
                    ? null
                    : r.recipientVariables().get(i);
            String text = Template.forSend(r.text(), variables);
            MessageSize size = content.size(r.subject(), text, config.channel());
            BigDecimal price = BigDecimal.ZERO;
            String skipped = optedOut.get(i);
            if (rejection == null && size.fits() && skipped == null) {
                price = config.pricing()
                        .price(r.customerId(), new DeliveryId(r.id(), i), recipient, size.type(), size.units());
                sendable++;
                units += size.units();
                cost = cost.add(price);
            }
            recipients.add(new RecipientPreview(i, recipient, text, size, price, skipped));
        }
        SendingHours hours = SendingHours.of(config.campaignDefaults(), r.rules());
        Instant opens = hours.nextOpening(r.sendAt());
        Instant startsAt = opens == null ? r.sendAt() : opens; // registration refused windows that never open
        return new Preview(
                recipients, rejection, sendable, units, cost, startsAt, finish(r, hours, startsAt, sendable));
    }

    /** By sequence, why each recipient on an opt-out list that covers the message's kind would be skipped now. */
    private Map<Integer, String> optedOut(NewReservation r) {
        Map<Integer, String> skipped = new HashMap<>();
        if (optOuts.knownEmpty()) {
            return skipped;
        }
        List<String> addresses =
                r.recipients().stream().map(optOuts.normaliser::normalise).toList();
        for (int from = 0; from < addresses.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = addresses.subList(from, Math.min(addresses.size(), from + LOOKUP_CHUNK));
            Map<String, OptOut> hits = new HashMap<>();
            for (OptOut found : optOuts.lookup(r.customerId(), Set.copyOf(chunk))) {
                if (found.covers(r.rules().kind())) {
                    hits.merge(found.address(), found, (kept, other) -> kept.isGlobal() ? other : kept);
                }
            }
            for (int i = 0; i < chunk.size(); i++) {
                OptOut hit = hits.get(chunk.get(i));
                if (hit != null) {
                    skipped.put(from + i, hit.skipDetail());
                }
            }
        }
        return skipped;
    }

    /**
     * The last send at the slowest speed that applies, the windows' closed hours skipped; the start when no speed
     * applies.
     */
    private Instant finish(NewReservation r, SendingHours hours, Instant startsAt, int sends) {
        Optional<SendingSpeed> slowest = Stream.of(
                        Optional.ofNullable(r.sendingSpeed()),
                        config.sendingLimits().forCustomer(r.customerId()),
                        config.sendingLimits().forChannel())
                .flatMap(Optional::stream)
                .min((a, b) -> Double.compare(a.perSecondRate(), b.perSecondRate()));
        if (slowest.isEmpty() || sends == 0) {
            return startsAt;
        }
        SendingSpeed speed = slowest.get();
        long left = Math.max(0, sends - speed.burst()); // a burst goes at once, the rest at the rate
        Instant at = startsAt;
        for (int opening = 0; opening < MOST_OPENINGS; opening++) {
            Instant closes = hours.closesAfter(at);
            long fits = closes == null || closes.equals(Instant.MAX)
                    ? Long.MAX_VALUE
                    : (long) (Duration.between(at, closes).toMillis() / 1e3 * speed.perSecondRate());
            if (left <= fits) {
                return at.plus(timeFor(speed, left));
            }
            left -= fits;
            Instant next = hours.nextOpening(closes);
            if (next == null) {
                return closes;
            }
            at = next;
        }
        return at.plus(timeFor(speed, left)); // a long campaign in short windows: an estimate past these openings
    }

    /** Enough windows to cover a year of daily openings. */
    private static final int MOST_OPENINGS = 400;

    /** How long {@code sends} take at {@code speed}'s rate. */
    private static Duration timeFor(SendingSpeed speed, long sends) {
        return Duration.ofNanos((long) Math.ceil(sends * 1e9 / speed.perSecondRate()));
    }
}
