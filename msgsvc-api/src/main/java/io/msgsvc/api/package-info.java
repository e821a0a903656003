/**
 * The host's view of msgsvc: what goes in, what comes out, and what can go wrong. The engine itself is
 * {@code io.msgsvc.Msgsvc} in msgsvc-core, built with {@code Msgsvc.builder()}.
 *
 * <h2>Going in</h2>
 * <ul>
 *   <li>{@link io.msgsvc.api.ReservationRequest}: a message, an ordered recipient list, a send time, an optional
 *       idempotency key; {@code msgsvc.reserve(request)} stores it as a {@link io.msgsvc.api.Reservation}. Each
 *       {@link io.msgsvc.api.Recipient} may carry the values of the text's {@code #{name}} placeholders. Its
 *       {@link io.msgsvc.api.CampaignRules} say what kind of message it is, the zone of a local send time, its
 *       {@link io.msgsvc.api.DeliveryWindow} and its expiry.
 *   <li>{@link io.msgsvc.api.MessageChannel}: the host's way out to recipients (SMS gateway, e-mail, push), called
 *       with an {@link io.msgsvc.api.OutboundMessage} and answering a {@link io.msgsvc.api.SendOutcome}: accepted,
 *       failed for good, or failed for now. A channel that {@linkplain io.msgsvc.api.MessageChannel#reportsDelivery()
 *       reports delivery} leaves an accepted send submitted until its report.
 *   <li>{@link io.msgsvc.api.DeliveryReport}: a provider's delivery report ({@link io.msgsvc.api.ReportStatus}),
 *       given to {@code msgsvc.reportDelivery(report)}, which answers a {@link io.msgsvc.api.ReportOutcome}.
 *   <li>{@link io.msgsvc.api.Pricing}: what one successful delivery costs, also by its
 *       {@link io.msgsvc.api.MessageType} and units.
 *   <li>{@link io.msgsvc.api.MessageSizer}: a text measured in a carrier's units ({@link io.msgsvc.api.MessageSize}:
 *       type, units, violation), with Korean-carrier (EUC-KR) and GSM-7 / UCS-2 built-ins; what to do over one SMS is
 *       an {@link io.msgsvc.api.OverLength}.
 * </ul>
 *
 * <h2>Coming out</h2>
 * <ul>
 *   <li>Queries: {@link io.msgsvc.api.ReservationDetails} (a reservation with each recipient's
 *       {@link io.msgsvc.api.Delivery} and {@link io.msgsvc.api.DeliveryState}),
 *       {@link io.msgsvc.api.ReservationStatus}, {@link io.msgsvc.api.BillingTotals},
 *       {@link io.msgsvc.api.Charge} and {@link io.msgsvc.api.Refund}, {@link io.msgsvc.api.Statistics}
 *       ({@link io.msgsvc.api.StatisticsCounters}), {@link io.msgsvc.api.DashboardView}, paged
 *       with {@link io.msgsvc.api.PageRequest} into a {@link io.msgsvc.api.Page}.
 *   <li>Events: {@link io.msgsvc.api.ReservationEvent}, the saga's facts in the seed service's vocabulary
 *       ({@code Reserved}, {@code MsgSent}, {@code SendFailed}, ..., {@code MsgSubmitted} and
 *       {@code DeliveryReported} with delivery reports), heard through a
 *       {@link io.msgsvc.api.ReservationEventListener}; dashboard rows through a
 *       {@link io.msgsvc.api.DashboardListener}.
 * </ul>
 *
 * <h2>Refusals</h2>
 * Every refusal is a {@link io.msgsvc.api.MsgsvcException} that names what is wrong, and nothing is stored:
 * {@link io.msgsvc.api.InvalidRequestException} (with the field), {@link io.msgsvc.api.IdempotencyConflictException},
 * {@link io.msgsvc.api.ReservationNotFoundException}, {@link io.msgsvc.api.ReservationAccessDeniedException},
 * {@link io.msgsvc.api.ReservationNotCancellableException}.
 */
package io.msgsvc.api;
