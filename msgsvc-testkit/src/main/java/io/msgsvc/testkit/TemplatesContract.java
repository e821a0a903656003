package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.IdempotencyConflictException;
import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Recipient;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Per-recipient templates on a storage: each recipient's variables stored with its delivery and rendered into the
 * text its send carries, also by another engine resuming the reservation; a placeholder without a value refused with
 * nothing stored; the idempotency key telling the same variables from others.
 */
public abstract class TemplatesContract extends EngineContract {
    private static final String TEXT = "#{name}님, 주문 ##{order} 발송 🎉 (#{#}{name} is literal)";

    private static ReservationRequest.Builder campaign(String... names) {
        ReservationRequest.Builder b =
                ReservationRequest.builder().customerId("acme").text(TEXT);
        for (int i = 0; i < names.length; i++) {
            b.recipient("+" + (i + 1), Map.of("name", names[i], "order", "A-" + (i + 1)));
        }
        return b;
    }

    private static String rendered(String name, int position) {
        return name + "님, 주문 #A-" + position + " 발송 🎉 (#{name} is literal)";
    }

    @Test
    void eachRecipientIsSentTheTextRenderedWithItsOwnVariables() {
        EngineFixture f = engine();
        String tricky = "O'Brien \"Bob\" \\ {x} #{name} 😀";
        Reservation r = f.msgsvc.reserve(ReservationRequest.builder()
                .customerId("acme")
                .text(TEXT)
                .recipientList(List.of(
                        Recipient.of("+1", Map.of("name", "김민수", "order", "A-1")),
                        Recipient.of("+2", Map.of("name", tricky, "order", "A-2", "unused", "x"))))
                .build());
        awaitStatus(f, "acme", r.id(), ReservationStatus.COMPLETED);

        assertThat(f.channel.callsFor(r.id()))
                .extracting(OutboundMessage::recipient, OutboundMessage::text)
                .containsExactly(tuple("+1", rendered("김민수", 1)), tuple("+2", rendered(tricky, 2)));
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries())
                .extracting(Delivery::variables)
                .containsExactly(
                        Map.of("name", "김민수", "order", "A-1"), Map.of("name", tricky, "order", "A-2", "unused", "x"));

        Reservation plain = f.msgsvc.reserve(
                EngineFixture.request("acme", "Sale #1 {today}", "+3").build());
        awaitStatus(f, "acme", plain.id(), ReservationStatus.COMPLETED);
        assertThat(f.channel.callsFor(plain.id()))
                .extracting(OutboundMessage::text)
                .containsExactly("Sale #1 {today}");
        assertThat(f.msgsvc.reservation("acme", plain.id()).deliveries().get(0).variables())
                .as("a text sent as written stores no variables")
                .isNull();
    }

    @Test
    void theLargestVariablesARequestMayCarryAreStoredAndRenderedForEveryRecipient() {
        EngineFixture f = engine();
        String controls = "\u0001".repeat(1_996); // six characters each in a JSON column
        String letters = "x".repeat(1_996);
        ReservationRequest.Builder b =
                ReservationRequest.builder().customerId("acme").text("Hi #{name}");
        for (int i = 0; i < 110; i++) {
            Map<String, String> variables = new LinkedHashMap<>();
            variables.put("name", "Kim" + i);
            for (int v = 0; v < 10; v++) {
                variables.put("f" + v, i == 0 ? controls : letters); // 19 991 characters, under the cap of 20 000
            }
            b.recipient("+" + (i + 1), variables);
        }
        // 2.2 million characters in all: JDBC storages insert them in two statements, each under a MySQL packet
        Reservation r = f.msgsvc.reserve(b.build());
        awaitStatus(f, "acme", r.id(), ReservationStatus.COMPLETED);

        List<OutboundMessage> calls = f.channel.callsFor(r.id());
        assertThat(calls).hasSize(110);
        assertThat(calls.get(109).text()).isEqualTo("Hi Kim109");
        List<Delivery> deliveries = f.msgsvc.reservation("acme", r.id()).deliveries();
        assertThat(deliveries.get(0).variables()).containsEntry("f9", controls).hasSize(11);
        assertThat(deliveries.get(109).variables()).containsEntry("f0", letters).containsEntry("name", "Kim109");
    }

    @Test
    void aPlaceholderWithoutAValueIsRefusedNamingTheRecipientAndVariableAndNothingIsStored() {
        EngineFixture f = engine();
        ReservationRequest request = campaign("Kim", "Lee")
                .recipient("+3", Map.of("name", "Park")) // no order
                .idempotencyKey("k-missing")
                .build();

        assertThatThrownBy(() -> f.msgsvc.reserve(request))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("recipients[2].variables.order"))
                .hasMessageContaining("#{order}");
        assertThat(f.msgsvc.reservations("acme", PageRequest.of(0, 10)).items()).isEmpty();
        // the key was not taken: the corrected request registers under it
        Reservation r = f.msgsvc.reserve(
                campaign("Kim", "Lee", "Park").idempotencyKey("k-missing").build());
        awaitStatus(f, "acme", r.id(), ReservationStatus.COMPLETED);
        assertThat(f.channel.callsFor(r.id())).hasSize(3);
    }

    @Test
    void theIdempotencyKeyTellsTheSameVariablesFromOthers() {
        EngineFixture f = engine();
        Reservation first =
                f.msgsvc.reserve(campaign("Kim", "Lee").idempotencyKey("k").build());

        assertThat(f.msgsvc
                        .reserve(campaign("Kim", "Lee").idempotencyKey("k").build())
                        .id())
                .isEqualTo(first.id());
        assertThatThrownBy(() -> f.msgsvc.reserve(
                        campaign("Kim", "Leee").idempotencyKey("k").build()))
                .isInstanceOf(IdempotencyConflictException.class);
        assertThatThrownBy(() -> f.msgsvc.reserve(ReservationRequest.builder()
                        .customerId("acme")
                        .text(TEXT)
                        .recipient("+1", Map.of("name", "Kim", "order", "A-1"))
                        .recipient("+2", Map.of("name", "Lee", "order", "A-2", "extra", ""))
                        .idempotencyKey("k")
                        .build()))
                .isInstanceOf(IdempotencyConflictException.class);
        assertThat(f.msgsvc.reservations("acme", PageRequest.of(0, 10)).items())
                .extracting(Reservation::id)
                .containsExactly(first.id());
    }

    @Test
    void anotherEngineResumingTheReservationRendersTheSameTexts() throws Exception {
        CountDownLatch secondInFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        EngineFixture f = engine(b -> b.nodeId("first"));
        f.channel.answerWith(m -> {
            if (m.deliveryId().sequence() == 1 && secondInFlight.getCount() > 0) {
                secondInFlight.countDown();
                awaitQuietly(release);
            }
            return SendOutcome.accepted("ref-" + m.idempotencyKey());
        });
        Reservation r = f.msgsvc.reserve(campaign("Kim", "Lee", "Park", "Choi").build());
        assertThat(secondInFlight.await(20, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(f.msgsvc::close);
        await().atMost(WAIT).until(() -> !f.msgsvc.isRunning());
        release.countDown();
        stopping.get(20, TimeUnit.SECONDS);
        assertThat(f.channel.recipientsCalled(r.id())).containsExactly("+1", "+2");

        Msgsvc second = f.anotherNode(b -> b.nodeId("second")).start();
        await().atMost(WAIT)
                .until(() -> second.reservation("acme", r.id()).reservation().status() == ReservationStatus.COMPLETED);
        assertThat(f.channel.callsFor(r.id()))
                .extracting(OutboundMessage::text)
                .containsExactly(rendered("Kim", 1), rendered("Lee", 2), rendered("Park", 3), rendered("Choi", 4));
    }
}
