package io.msgsvc;

import io.msgsvc.api.IdempotencyConflictException;
import io.msgsvc.api.Preview;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.spi.EventIds;
import io.msgsvc.spi.NewReservation;
import io.msgsvc.spi.Registration;
import java.time.Instant;

/** Takes requests in: registers them, or previews them, through one validation. */
final class Intake {
    private final EngineConfig config;
    private final UnitOfWork unitOfWork;
    private final RequestValidator validator;
    private final Previewer previewer;
    private final WindowNotice windowNotice;

    Intake(EngineConfig config, UnitOfWork unitOfWork, OptOutGate optOuts) {
        this.config = config;
        this.unitOfWork = unitOfWork;
        this.validator = new RequestValidator(config);
        this.previewer = new Previewer(config, validator, optOuts);
        this.windowNotice = new WindowNotice(config.campaignDefaults());
    }

    /** The stored registration: a new one, or the one a retry with the same idempotency key made first. */
    Registration register(ReservationRequest request) {
        Instant now = config.clock().instant();
        NewReservation validated = validator.validate(request, now);
        ReservationEvent.Reserved reserved = new ReservationEvent.Reserved(
                EventIds.next(),
                validated.id(),
                validated.customerId(),
                now,
                validated.recipients().size(),
                validated.sendAt());
        // a send time outside its windows: readers see the opening as its next send time from the start
        Registration registration = unitOfWork.write(tx -> windowNotice.told(
                config.storage().registrations().register(tx, validated, reserved), validated.rules(), now));
        if (!registration.created() && !registration.requestFingerprint().equals(validated.requestFingerprint())) {
            throw new IdempotencyConflictException(
                    validated.customerId(),
                    validated.idempotencyKey(),
                    registration.reservation().id());
        }
        return registration;
    }

    Preview preview(ReservationRequest request) {
        return previewer.preview(request);
    }
}
