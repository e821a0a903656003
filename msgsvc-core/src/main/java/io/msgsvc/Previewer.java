package io.msgsvc;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.MessageSize;
import io.msgsvc.api.Preview;
import io.msgsvc.api.RecipientPreview;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.SendingSpeed;
import io.msgsvc.spi.NewReservation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Works out a {@link Preview} with the very steps a real reservation goes through: the registration's validation,
 * the dispatch-start check of the text, each recipient's rendering sized as its send would be, and the pricing the
 * billing projection would apply. Nothing is stored and nothing is sent.
 */
final class Previewer {
    private final EngineConfig config;
    private final RequestValidator validator;

    Previewer(EngineConfig config, RequestValidator validator) {
        this.config = config;
        this.validator = validator;
    }

    Preview preview(ReservationRequest request) {
        Instant now = config.clock().instant();
        NewReservation r = validator.validate(request, now); // refuses exactly what reserve would
        ContentPolicy content = config.contentPolicy();
        String rejection = content.violationAtDispatch(r.subject(), Template.fixedText(r.text()), config.channel())
                .orElse(null);
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
            if (rejection == null && size.fits()) {
                price = config.pricing()
                        .price(r.customerId(), new DeliveryId(r.id(), i), recipient, size.type(), size.units());
                sendable++;
                units += size.units();
                cost = cost.add(price);
            }
            recipients.add(new RecipientPreview(i, recipient, text, size, price, null));
        }
        Instant startsAt = r.sendAt();
        return new Preview(recipients, rejection, sendable, units, cost, startsAt, finish(r, startsAt, sendable));
    }

    /** The last send at the slowest speed that applies; the start when none does. */
    private Instant finish(NewReservation r, Instant startsAt, int sends) {
        Optional<SendingSpeed> slowest = Stream.of(
                        Optional.ofNullable(r.sendingSpeed()),
                        config.sendingLimits().forCustomer(r.customerId()),
                        config.sendingLimits().forChannel())
                .flatMap(Optional::stream)
                .min((a, b) -> Double.compare(a.perSecondRate(), b.perSecondRate()));
        if (slowest.isEmpty() || sends == 0) {
            return startsAt;
        }
        return startsAt.plus(timeFor(slowest.get(), sends));
    }

    /** How long {@code sends} take at {@code speed}: its burst goes at once, the rest at its rate. */
    static Duration timeFor(SendingSpeed speed, long sends) {
        long paced = Math.max(0, sends - speed.burst());
        return Duration.ofNanos((long) Math.ceil(paced * 1e9 / speed.perSecondRate()));
    }
}
