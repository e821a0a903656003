package io.msgsvc;

import static io.msgsvc.RequestValidator.requireCustomer;
import static io.msgsvc.RequestValidator.requirePage;
import static io.msgsvc.RequestValidator.requireRange;

import io.msgsvc.api.BillingTotals;
import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.Charge;
import io.msgsvc.api.DashboardListener;
import io.msgsvc.api.DashboardView;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.IdempotencyConflictException;
import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.Page;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.PauseOutcome;
import io.msgsvc.api.Preview;
import io.msgsvc.api.Refund;
import io.msgsvc.api.ReportOutcome;
import io.msgsvc.api.RescheduleOutcome;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationAccessDeniedException;
import io.msgsvc.api.ReservationDetails;
import io.msgsvc.api.ReservationEventListener;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationNotFoundException;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ResumeOutcome;
import io.msgsvc.api.Statistics;
import io.msgsvc.spi.Closing;
import io.msgsvc.spi.Registration;
import io.msgsvc.spi.Storage;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The engine: registers reservations, sends them in recipient order when due, and keeps billing, statistics,
 * reservation status and the dashboard exactly once. Build one with {@link #builder()}, {@link #start()} it, and
 * {@link #close()} it when the host shuts down. Thread-safe.
 *
 * <pre>{@code
 * try (Msgsvc msgsvc = Msgsvc.builder().channel(mySmsGateway).build().start()) {
 *     Reservation r = msgsvc.reserve(ReservationRequest.builder()
 *             .customerId("acme").text("Hello").recipients("+100", "+200").build());
 * }
 * }</pre>
 */
public final class Msgsvc implements AutoCloseable {
    private final EngineConfig config;
    private final Storage storage;
    private final Listeners listeners = new Listeners();
    private final Intake intake;
    private final Projections projections;
    private final UnitOfWork unitOfWork;
    private final ReservationDispatcher dispatcher;
    private final DispatchScheduler scheduler;
    private final Interventions interventions;
    private final Background background;
    private final Lifecycle lifecycle;
    private final Gauges gauges;
    private final OptOutList optOuts;

    Msgsvc(EngineConfig config) {
        this.config = config;
        this.storage = config.storage();
        config.dashboardListeners().forEach(listeners::add);
        config.eventListeners().forEach(listeners::add);
        this.projections = new Projections(config, listeners);
        OutboxRelay relay = new OutboxRelay(config);
        this.unitOfWork = new UnitOfWork(
                storage, projections, config.projectsInline(), relay.loop()::wake, new EngineCounts(config));
        ChannelInvoker channelInvoker = new ChannelInvoker(
                config.channel(), config.channelTimeout(), config.isolateChannelCalls(), config.nodeId());
        ExecutorService workers = Executors.newFixedThreadPool(
                config.dispatchThreads(), Threads.daemon("msgsvc-dispatch-" + config.nodeId()));
        this.dispatcher = new ReservationDispatcher(config, unitOfWork, channelInvoker, this::checkDueNow);
        this.scheduler = new DispatchScheduler(config, dispatcher, workers);
        this.optOuts = new OptOutList(config, unitOfWork, dispatcher.optOuts);
        this.intake = new Intake(config, unitOfWork, dispatcher.optOuts);
        this.interventions = new Interventions(config, unitOfWork, dispatcher, scheduler, this::checkDueNow);
        this.background = new Background(
                config,
                projections,
                dispatcher,
                scheduler,
                relay,
                new ReportSweeper(config, unitOfWork),
                workers,
                channelInvoker,
                interventions::cancelIfHere,
                interventions::pauseIfHere);
        this.lifecycle = new Lifecycle(config, background);
        this.gauges = new Gauges(
                config,
                lifecycle::isRunning,
                channelInvoker,
                Map.of("dispatch", workers, "results", dispatcher.writers, "channel", channelInvoker.threads()));
        config.metrics().engineBuilt(gauges); // last: every part is in place
    }

    /** {@return a builder to configure an engine}; see {@link MsgsvcBuilder} for every setting and its default. */
    public static MsgsvcBuilder builder() {
        return new MsgsvcBuilder();
    }

    /** {@return the opt-out (suppression) lists}, checked as each delivery's turn comes; see {@link OptOutList}. */
    public OptOutList optOuts() {
        return optOuts;
    }

    /**
     * Starts sending due reservations and projecting events.
     *
     * @return this, for chaining after build()
     */
    public Msgsvc start() {
        lifecycle.start();
        return this;
    }

    /**
     * Stops: no new sends begin, a send in flight finishes and is recorded, leases are released so another node can
     * resume at once, and the events already written are projected. Waits up to the shutdown timeout.
     */
    @Override
    public void close() {
        lifecycle.close();
    }

    /** {@return whether the engine runs}: false as soon as {@link #close()} begins. */
    public boolean isRunning() {
        return lifecycle.isRunning();
    }

    /**
     * This engine and its storage now, for readiness checks and gauges: whether it runs, whether the storage answers,
     * due reservations waiting for a sender (and since when), leases live and expired (a node that died), and
     * events not yet relayed. Each figure is one bounded read of the storage; a storage that does not answer is
     * reported, not thrown. Poll it at the pace of a health check, not per request.
     *
     * @return the figures read now
     */
    public MsgsvcHealth health() {
        return gauges.health();
    }

    /** {@return this node's id}, as named in its leases, thread names and health; see {@link MsgsvcBuilder#nodeId}. */
    public String nodeId() {
        return config.nodeId();
    }

    /**
     * Looks for due reservations now instead of at the next poll. A clock that moves under the host's control (a
     * test's manual clock) calls this when it moves; the engine's own registrations and retries need not.
     */
    public void checkDueNow() {
        background.wake();
    }

    /**
     * Registers a reservation: the reservation, one delivery per recipient and the {@code Reserved} event are stored
     * together or not at all.
     *
     * @param request what to send, to whom and when
     * @return the reservation stored, or the one an earlier request with the same idempotency key stored
     * @throws InvalidRequestException      a field is missing or wrong (the exception names it)
     * @throws IdempotencyConflictException the idempotency key was used for a different request
     */
    public Reservation reserve(ReservationRequest request) {
        Registration registration = intake.register(request);
        if (registration.created()) {
            checkDueNow();
        }
        return registration.reservation();
    }

    /**
     * A dry run of {@link #reserve}: each recipient's text, type, units and price, the totals, what would not be
     * sent and why, and the expected start and finish; nothing is stored or sent.
     *
     * @param request the request {@link #reserve} would be given
     * @return what reserving it would send and cost
     * @throws InvalidRequestException a field is missing or wrong, as {@link #reserve} would throw it
     */
    public Preview preview(ReservationRequest request) {
        return intake.preview(request);
    }

    /**
     * {@return the reservation with every delivery, in recipient order}
     *
     * @param customerId the customer asking, who must own the reservation
     * @param id         the reservation
     */
    public ReservationDetails reservation(String customerId, ReservationId id) {
        Reservation r = owned(customerId, id);
        // from the dashboard row, which keeps when the dispatch began; empty unless it is being sent
        Optional<DashboardView> row = storage.dashboard().find(id);
        return new ReservationDetails(
                r,
                storage.registrations().deliveries(id, 0, r.recipientCount()),
                row.flatMap(DashboardView::expectedFinishAt).orElse(null),
                row.map(DashboardView::nextSendAt).orElse(null));
    }

    /**
     * {@return a slice of a (large) reservation's deliveries, in recipient order}
     *
     * @param customerId   the customer asking, who must own the reservation
     * @param id           the reservation
     * @param fromSequence the first recipient's sequence number, from 0
     * @param limit        the most deliveries to return, at least 1
     */
    public List<Delivery> deliveries(String customerId, ReservationId id, int fromSequence, int limit) {
        owned(customerId, id);
        if (fromSequence < 0) {
            throw new InvalidRequestException("fromSequence", "must be >= 0, was " + fromSequence);
        }
        if (limit < 1) {
            throw new InvalidRequestException("limit", "must be >= 1, was " + limit);
        }
        return storage.registrations().deliveries(id, fromSequence, limit);
    }

    /**
     * {@return one page of the customer's reservations, newest first}
     *
     * @param customerId the customer
     * @param page       which page, and its size
     */
    public Page<Reservation> reservations(String customerId, PageRequest page) {
        return storage.registrations().findByCustomer(requireCustomer(customerId), requirePage(page));
    }

    /**
     * Cancels before or during dispatch: recipients not yet sent are never sent.
     *
     * @param customerId the customer asking, who must own the reservation
     * @param id         the reservation
     * @return whether it was cancelled at once or its sending node was asked to stop
     * @throws io.msgsvc.api.ReservationNotCancellableException it already ended
     */
    public CancelOutcome cancel(String customerId, ReservationId id) {
        owned(customerId, id);
        Instant now = config.clock().instant();
        CancelOutcome outcome =
                unitOfWork.write(tx -> storage.dispatchQueue().requestCancel(tx, id, now, Closing.cancelled(now)));
        if (outcome == CancelOutcome.CANCEL_REQUESTED) {
            interventions.cancelIfHere(id); // once the store has it: a cancel that failed must not stop anything
        }
        return outcome;
    }

    /**
     * Pauses before or during dispatch: nothing more is sent until {@link #resume}; sends in flight end and count.
     *
     * @param customerId the customer asking, who must own the reservation
     * @param id         the reservation
     * @return whether it paused at once, its sending node was asked to, or it already was
     * @throws io.msgsvc.api.ReservationNotChangeableException it ended, awaits only reports, or is being cancelled
     */
    public PauseOutcome pause(String customerId, ReservationId id) {
        return interventions.pause(owned(customerId, id).id());
    }

    /**
     * Sends a paused reservation's rest in order, from its send time if still ahead, else now.
     *
     * @param customerId the customer asking, who must own the reservation
     * @param id         the reservation
     * @return whether it resumed, or was not paused
     */
    public ResumeOutcome resume(String customerId, ReservationId id) {
        return interventions.resume(owned(customerId, id));
    }

    /**
     * Moves the send time of a reservation not yet sending, or paused. Its expiry stays as stored, also one worked
     * out from a lateness at registration.
     *
     * @param customerId the customer asking, who must own the reservation
     * @param id         the reservation
     * @param sendAt     the new send time, checked as {@link #reserve} checks it
     * @return whether the send time changed
     * @throws InvalidRequestException naming {@code sendAt}: nothing could be sent before the expiry from then on
     */
    public RescheduleOutcome reschedule(String customerId, ReservationId id, Instant sendAt) {
        return interventions.reschedule(owned(customerId, id), sendAt);
    }

    /**
     * Records a provider's delivery report (from a status webhook, SMPP delivery receipts, a file...), on any node:
     * a submitted delivery takes its final state once, with its event, so status, statistics, billing (by policy)
     * and the dashboard follow. Expected cases are answered, not thrown: see {@link ReportOutcome}.
     *
     * @param report the provider's report on one delivery
     * @return what the report did
     * @throws InvalidRequestException a field of the report is missing or wrong (the exception names it)
     */
    public ReportOutcome reportDelivery(DeliveryReport report) {
        return reportDeliveries(Collections.singletonList(report)).get(0);
    }

    /**
     * Records reports in one transaction, in order (up to {@value ReportValidator#MAX_BATCH}); a batch with an
     * invalid report is refused whole and changes nothing.
     *
     * @param reports the reports, in the order they are applied
     * @return one outcome per report, in the order given
     */
    public List<ReportOutcome> reportDeliveries(List<DeliveryReport> reports) {
        Instant now = config.clock().instant();
        List<DeliveryReport> valid = ReportValidator.validate(reports, now);
        if (valid.isEmpty()) {
            return List.of();
        }
        List<ReportOutcome> outcomes = LogContext.reporting(
                valid, () -> unitOfWork.write(tx -> storage.deliveryReports().apply(tx, valid, now)));
        if (outcomes.contains(ReportOutcome.PARKED)) {
            background.reportParked();
        }
        return outcomes;
    }

    /**
     * {@return the customer's counters per period in {@code [from, to)}}
     *
     * @param customerId the customer
     * @param from       the first instant counted
     * @param to         the end, excluded
     */
    public Statistics statistics(String customerId, Instant from, Instant to) {
        requireRange(from, to);
        return Statistics.of(storage.statistics().buckets(requireCustomer(customerId), from, to));
    }

    /**
     * {@return every customer's counters per period in {@code [from, to)}}
     *
     * @param from the first instant counted
     * @param to   the end, excluded
     */
    public Statistics statistics(Instant from, Instant to) {
        requireRange(from, to);
        return Statistics.of(storage.statistics().buckets(null, from, to));
    }

    /**
     * {@return the customer's charged and refunded totals}
     *
     * @param customerId the customer
     */
    public BillingTotals billing(String customerId) {
        return storage.billing().totals(requireCustomer(customerId));
    }

    /**
     * {@return the charges of one reservation, in recipient order}
     *
     * @param customerId the customer asking, who must own the reservation
     * @param id         the reservation
     */
    public List<Charge> charges(String customerId, ReservationId id) {
        owned(customerId, id);
        return storage.billing().charges(id);
    }

    /**
     * {@return the refunds of one reservation, in recipient order}
     *
     * @param customerId the customer asking, who must own the reservation
     * @param id         the reservation
     */
    public List<Refund> refunds(String customerId, ReservationId id) {
        owned(customerId, id);
        return storage.billing().refunds(id);
    }

    /**
     * {@return the dashboard row of a reservation} (read model: may trail the store by a moment)
     *
     * @param customerId the customer asking, who must own the reservation
     * @param id         the reservation
     */
    public DashboardView dashboard(String customerId, ReservationId id) {
        Reservation r = owned(customerId, id);
        return storage.dashboard()
                .find(id)
                .orElseGet(() ->
                        new DashboardView(id, r.customerId(), r.recipientCount(), 0, 0, 0, r.status(), r.createdAt()));
    }

    /**
     * {@return one page of the customer's dashboard rows, newest first}
     *
     * @param customerId the customer
     * @param page       which page, and its size
     */
    public Page<DashboardView> dashboard(String customerId, PageRequest page) {
        return storage.dashboard().findByCustomer(requireCustomer(customerId), requirePage(page));
    }

    /**
     * Tells a listener each dashboard row this node projects; one that throws is logged and skipped.
     *
     * @param listener the listener
     * @return the subscription; close it to stop listening
     */
    public Subscription subscribeDashboard(DashboardListener listener) {
        return listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Tells a listener each reservation event this node projects; one that throws is logged and skipped.
     *
     * @param listener the listener
     * @return the subscription; close it to stop listening
     */
    public Subscription subscribeEvents(ReservationEventListener listener) {
        return listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private Reservation owned(String customerId, ReservationId id) {
        requireCustomer(customerId);
        if (id == null) {
            throw new InvalidRequestException("reservationId", "must not be null");
        }
        Reservation r = storage.registrations().find(id).orElseThrow(() -> new ReservationNotFoundException(id));
        if (!r.customerId().equals(customerId)) {
            throw new ReservationAccessDeniedException(id, customerId);
        }
        return r;
    }
}
