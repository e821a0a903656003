package io.msgsvc;

import io.msgsvc.api.PauseOutcome;
import io.msgsvc.api.RescheduleOutcome;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ResumeOutcome;
import io.msgsvc.spi.DispatchQueue;
import io.msgsvc.spi.EventIds;
import io.msgsvc.spi.Written;
import java.time.Instant;

/**
 * The customer's pause, resume and reschedule of a reservation, and how a cancel or a pause reaches the dispatch
 * that sends it on this node. The store decides (see {@link DispatchQueue}); this node's dispatch is told only once
 * the store has it, so a pause or cancel that failed stops nothing.
 */
final class Interventions {
    private final EngineConfig config;
    private final DispatchQueue queue;
    private final UnitOfWork unitOfWork;
    private final ReservationDispatcher dispatcher;
    private final DispatchScheduler scheduler;
    private final Runnable checkDueNow;
    private final WindowNotice windowNotice;
    private final CampaignChecks campaign;

    Interventions(
            EngineConfig config,
            UnitOfWork unitOfWork,
            ReservationDispatcher dispatcher,
            DispatchScheduler scheduler,
            Runnable checkDueNow) {
        this.config = config;
        this.queue = config.storage().dispatchQueue();
        this.unitOfWork = unitOfWork;
        this.dispatcher = dispatcher;
        this.scheduler = scheduler;
        this.checkDueNow = checkDueNow;
        this.windowNotice = new WindowNotice(config.campaignDefaults());
        this.campaign = new CampaignChecks(config.campaignDefaults());
    }

    PauseOutcome pause(ReservationId id) {
        Instant now = config.clock().instant();
        PauseOutcome outcome = unitOfWork.write(tx -> queue.requestPause(tx, id, now, EventIds.next()));
        if (outcome != PauseOutcome.ALREADY_PAUSED) {
            pauseIfHere(id);
        }
        return outcome;
    }

    /** Resumes {@code r}; its due time outside its windows, readers are told when they open. */
    ResumeOutcome resume(Reservation r) {
        ReservationId id = r.id();
        Instant now = config.clock().instant();
        ResumeOutcome outcome = unitOfWork.write(
                tx -> windowNotice.told(queue.requestResume(tx, id, now, EventIds.next()), r.rules(), now));
        if (outcome == ResumeOutcome.RESUMED) {
            dispatcher.resumed(id);
            checkDueNow.run();
        }
        return outcome;
    }

    /**
     * Moves the send time of {@code r}; refused, naming {@code sendAt}, when nothing could be sent before its stored
     * expiry. A time outside its windows: readers are told when they open.
     */
    RescheduleOutcome reschedule(Reservation r, Instant sendAt) {
        RequestValidator.requireSendAt(sendAt);
        Instant now = config.clock().instant();
        RescheduleOutcome outcome = unitOfWork.write(tx -> {
            Written<RescheduleOutcome> asked = queue.requestReschedule(tx, r.id(), now, sendAt, EventIds.next());
            if (asked.value() == RescheduleOutcome.RESCHEDULED) {
                // checked once the store took it, so one ended or sending meanwhile is refused as such; a refusal
                // here rolls the reschedule back (the rules never change once stored)
                campaign.requireReschedulable(r.rules(), sendAt, now);
            }
            return windowNotice.told(asked, r.rules(), now);
        });
        if (outcome == RescheduleOutcome.RESCHEDULED) {
            checkDueNow.run();
        }
        return outcome;
    }

    /** A cancel asked here or told by another node: stop before the next send, if this node is sending it. */
    void cancelIfHere(ReservationId id) {
        if (scheduler.isSending(id)) {
            dispatcher.requestCancel(id);
        }
    }

    /** A pause asked here or told by another node: stop before the next send, if this node is sending it. */
    void pauseIfHere(ReservationId id) {
        if (scheduler.isSending(id)) {
            dispatcher.requestPause(id);
        }
    }
}
