/**
 * The ports an adapter implements to give the engine its storage and its event transport, and the contract they
 * keep. The test kit (msgsvc-testkit) holds the suites every adapter must pass: {@code StorageContract},
 * {@code SeedScenarioContract}, {@code ReportScenarioContract}, {@code FailoverContract}.
 *
 * <h2>Storage: one unit of work over role-named stores</h2>
 * {@link io.msgsvc.spi.Storage} opens each transaction ({@link io.msgsvc.spi.Storage#inTransaction}) and hands the
 * work a {@link io.msgsvc.spi.StorageTx}; every store method that writes takes it as its first argument. Writes that
 * report a change return it with its events ({@link io.msgsvc.spi.Written}); the engine then projects those events
 * in the same transaction or appends them to the {@link io.msgsvc.spi.Outbox}. Listeners and caches wait for the
 * commit ({@link io.msgsvc.spi.StorageTx#afterCommit}).
 * <ul>
 *   <li>{@link io.msgsvc.spi.Registrations}: reservations and deliveries as registered
 *       ({@link io.msgsvc.spi.NewReservation}, {@link io.msgsvc.spi.Registration}), and the customers' queries.
 *   <li>{@link io.msgsvc.spi.DispatchQueue}: due reservations, claims and leases
 *       ({@link io.msgsvc.spi.ClaimedReservation}), pending deliveries, their results
 *       ({@link io.msgsvc.spi.RecordedResult}, {@link io.msgsvc.spi.ResultAck}), retries, how a reservation
 *       closes ({@link io.msgsvc.spi.Closing}, {@link io.msgsvc.spi.CloseSummary}), and its backlog for health
 *       checks ({@link io.msgsvc.spi.DispatchBacklog}).
 *   <li>{@link io.msgsvc.spi.DeliveryReports}: delivery reports of submitted deliveries, reports parked until their
 *       send result is stored, and the result timeout; {@link io.msgsvc.spi.ReportRules} says what a report does
 *       to a delivery, the same for every store.
 *   <li>{@link io.msgsvc.spi.Outbox}: events waiting for the relay ({@link io.msgsvc.spi.OutboxEntry}), and how
 *       many ({@link io.msgsvc.spi.OutboxBacklog}).
 *   <li>The projections, each told whether events may repeat ({@link io.msgsvc.spi.Deduplication}):
 *       {@link io.msgsvc.spi.StatusStore} and {@link io.msgsvc.spi.DashboardStore} fold
 *       {@link io.msgsvc.spi.ProgressDelta}s into a {@link io.msgsvc.spi.Progress};
 *       {@link io.msgsvc.spi.BillingLedger} keeps at most one charge and one refund per delivery; {@link io.msgsvc.spi.StatisticsStore}
 *       adds {@link io.msgsvc.spi.StatisticsIncrement}s per period.
 * </ul>
 *
 * <h2>Transport and background work</h2>
 * {@link io.msgsvc.spi.EventTransport} carries outbox events to the projection roles, in process or across processes
 * (msgsvc-kafka). {@link io.msgsvc.spi.BackgroundLoop} is the one loop skeleton (wait, wake, back off, stop) of the
 * engine and its adapters.
 *
 * <h2>Tracing</h2>
 * {@link io.msgsvc.spi.TracePropagation} bridges the host's tracer (msgsvc-micrometer for Micrometer Tracing, and
 * through it OpenTelemetry or Brave): the caller's {@link io.msgsvc.spi.TraceContext} is captured at registration,
 * stored with the reservation ({@link io.msgsvc.spi.NewReservation}, {@link io.msgsvc.spi.ClaimedReservation},
 * {@link io.msgsvc.spi.Registrations#traceContext}), and each channel call and projection starts a span from it.
 */
package io.msgsvc.spi;
