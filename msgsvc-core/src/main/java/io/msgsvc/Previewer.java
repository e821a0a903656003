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
        int candidates = 0;
        for (int i = 0; i < r.recipients().size(); i++) {
            Map<String, String> variables = r.recipientVariables().isEmpty()
                    ? null
                    : r.recipientVariables().get(i);
            String text = Template.forSend(r.text(), variables);
            MessageSize size = content.size(r.subject(), text, config.channel());
            RecipientPreview recipient =
                    new RecipientPreview(i, r.recipients().get(i), text, size, BigDecimal.ZERO, optedOut.get(i), false);
            candidates += rejection == null && recipient.sendable() ? 1 : 0;
            recipients.add(recipient);
        }
        SendingHours hours = SendingHours.of(config.campaignDefaults(), r.rules());
        Instant opens = hours.nextOpening(r.sendAt());
        Instant startsAt = opens == null ? r.sendAt() : opens; // registration refused windows that never open
        PreviewPace pace = new PreviewPace(slowest(r), hours, startsAt);
        long inTime = pace.sentBefore(hours.expireAt(), candidates); // the tail past the expiry ends unsent
        int sendable = 0;
        long units = 0;
        BigDecimal cost = BigDecimal.ZERO;
        for (int i = 0; i < recipients.size() && rejection == null; i++) {
            RecipientPreview recipient = recipients.get(i);
            if (!recipient.sendable()) {
                continue;
            }
            if (sendable == inTime) { // this one and every later one would come after the expiry
                recipients.set(i, with(recipient, BigDecimal.ZERO, true));
            } else {
                MessageSize size = recipient.size();
                BigDecimal price = config.pricing()
                        .price(
                                r.customerId(),
                                new DeliveryId(r.id(), i),
                                recipient.recipient(),
                                size.type(),
                                size.units());
                recipients.set(i, with(recipient, price, false));
                sendable++;
                units += size.units();
                cost = cost.add(price);
            }
        }
        Instant finish = inTime < candidates ? hours.expireAt() : candidates == 0 ? startsAt : pace.sendAt(inTime - 1);
        return new Preview(recipients, rejection, sendable, units, cost, startsAt, finish);
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

    /** The slowest speed that applies: the reservation's, its customer's, the channel's; null for none. */
    private SendingSpeed slowest(NewReservation r) {
        return Stream.of(
                        Optional.ofNullable(r.sendingSpeed()),
                        config.sendingLimits().forCustomer(r.customerId()),
                        config.sendingLimits().forChannel())
                .flatMap(Optional::stream)
                .min((a, b) -> Double.compare(a.perSecondRate(), b.perSecondRate()))
                .orElse(null);
    }

    private static RecipientPreview with(RecipientPreview r, BigDecimal cost, boolean expiresUnsent) {
        return new RecipientPreview(r.index(), r.recipient(), r.text(), r.size(), cost, r.skipped(), expiresUnsent);
    }
}
