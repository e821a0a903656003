package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Recipient;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.testkit.EngineFixture;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Recipients with variables: the request's forms, what registration refuses and what it keeps. */
class RecipientVariablesTest {
    private final EngineFixture f = new EngineFixture(
            new InMemoryStorage(),
            b -> b.recipientPolicy(RecipientPolicy.defaults().withDuplicates(RecipientPolicy.Duplicates.DROP)));

    @AfterEach
    void close() {
        f.close();
    }

    private static ReservationRequest.Builder request(String text) {
        return ReservationRequest.builder().customerId("acme").text(text);
    }

    @Test
    void theBuilderAddsRecipientsWithVariablesAfterPlainOnesAndCopiesThem() {
        Map<String, String> kim = new HashMap<>(Map.of("name", "Kim"));
        ReservationRequest r = request("Hi #{name}")
                .recipients("+1")
                .recipient("+2", kim)
                .recipient("+3", Map.of("name", "Lee"))
                .build();
        kim.put("name", "changed");

        assertThat(r.recipients()).containsExactly("+1", "+2", "+3");
        assertThat(r.recipientList())
                .containsExactly(
                        Recipient.of("+1"),
                        Recipient.of("+2", Map.of("name", "Kim")),
                        Recipient.of("+3", Map.of("name", "Lee")));
        assertThatThrownBy(() -> r.recipientList().get(1).variables().put("name", "x"))
                .isInstanceOf(UnsupportedOperationException.class);
        // plain recipients afterwards replace them all, as before
        assertThat(request("Hi").recipient("+2", kim).recipients("+9").build().recipientList())
                .containsExactly(Recipient.of("+9"));
        assertThat(request("Hi")
                        .recipientList(List.of(Recipient.of("+5", Map.of("a", "1"))))
                        .build()
                        .recipients())
                .containsExactly("+5");
    }

    static Stream<Arguments> refusals() {
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("name", null);
        Map<String, String> nullName = new LinkedHashMap<>();
        nullName.put(null, "x");
        Map<String, String> tooMany = new LinkedHashMap<>();
        for (int i = 0; i <= RecipientVariables.MAX_VARIABLES; i++) {
            tooMany.put("v" + i, "x");
        }
        Map<String, String> tooLong = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            tooLong.put("v" + i, "\u0001".repeat(RecipientVariables.MAX_VALUE_LENGTH)); // six characters each as JSON
        }
        return Stream.of(
                Arguments.of("Hi", tooLong, "recipients[1].variables", "20020 characters in names and values"),
                Arguments.of("Hi #{name}", Map.of("nom", "Kim"), "recipients[1].variables.name", "#{name}"),
                Arguments.of("Hi #{name}", nullValue, "recipients[1].variables.name", "must not be null"),
                Arguments.of("Hi", nullName, "recipients[1].variables", "without a name"),
                Arguments.of("Hi", Map.of("na me", "x"), "recipients[1].variables", "' '"),
                Arguments.of("Hi", tooMany, "recipients[1].variables", "more than the limit of 100"),
                Arguments.of(
                        "Hi #{name}",
                        Map.of("name", "x".repeat(2_001)),
                        "recipients[1].variables.name",
                        "2001 characters"),
                Arguments.of("Hi #{name}", Map.of("name", "a\u0000"), "recipients[1].variables.name", "NUL"),
                Arguments.of("Hi #{name}", Map.of("name", "\uD800"), "recipients[1].variables.name", "surrogate"),
                Arguments.of(
                        "#{a}".repeat(33) + "x".repeat(65_536 - 33 * 4),
                        Map.of("a", "x".repeat(2_000)),
                        "recipients[1].variables",
                        "more than the maximum of 65536"),
                Arguments.of("Hi #{name", Map.of("name", "Kim"), "text", "closing '}'"));
    }

    @ParameterizedTest(name = "{2}: {3}")
    @MethodSource("refusals")
    void badVariablesAreRefusedNamingTheRecipientAndVariableAndNothingIsStored(
            String text, Map<String, String> second, String field, String problem) {
        ReservationRequest r = request(text)
                .recipient("+1", Map.of("name", "Kim", "a", "1"))
                .recipient("+2", second)
                .build();

        assertThatThrownBy(() -> f.msgsvc.reserve(r))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(problem);
        assertThat(f.msgsvc.reservations("acme", PageRequest.of(0, 10)).items()).isEmpty();
    }

    @Test
    void aNullRecipientInTheListIsNamed() {
        List<Recipient> list = new java.util.ArrayList<>();
        list.add(Recipient.of("+1"));
        list.add(null);
        assertThatThrownBy(
                        () -> f.msgsvc.reserve(request("Hi").recipientList(list).build()))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("recipients[1]"));
    }

    @Test
    void aDroppedDuplicateKeepsTheFirstRecipientsVariables() {
        Reservation r = f.msgsvc.reserve(request("Hi #{name}")
                .recipient("+1", Map.of("name", "first"))
                .recipient("+1", Map.of("name", "second"))
                .recipient("+2", Map.of("name", "other"))
                .build());

        awaitStatus(r, ReservationStatus.COMPLETED);
        assertThat(f.channel.callsFor(r.id()))
                .extracting(OutboundMessage::text)
                .containsExactly("Hi first", "Hi other");
    }

    @Test
    void variablesATextDoesNotUseAreKeptAndTheTextGoesOutAsWritten() {
        Reservation r = f.msgsvc.reserve(request("Sale 10%")
                .recipient("+1", Map.of("name", "Kim"))
                .recipients(List.of("+1"))
                .recipient("+2", Map.of("name", "Lee"))
                .build());

        awaitStatus(r, ReservationStatus.COMPLETED);
        assertThat(f.channel.callsFor(r.id())).extracting(OutboundMessage::text).containsOnly("Sale 10%");
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries())
                .extracting(Delivery::variables)
                .containsExactly(Map.of(), Map.of("name", "Lee"));
    }

    @Test
    void aTextWithOnlyTheLiteralEscapeIsRenderedForRecipientsWithoutVariables() {
        Reservation r = f.msgsvc.reserve(
                request("Use #{#}{code} in the app").recipients("+1").build());

        awaitStatus(r, ReservationStatus.COMPLETED);
        assertThat(f.channel.callsFor(r.id()))
                .extracting(OutboundMessage::text)
                .containsExactly("Use #{code} in the app");
    }

    @Test
    void aPlainRequestGivenAsRecipientsWithoutVariablesIsTheSameRequest() {
        Reservation plain = f.msgsvc.reserve(
                request("Hi").recipients("+1", "+2").idempotencyKey("k").build());
        Reservation listed = f.msgsvc.reserve(request("Hi")
                .recipientList(List.of(Recipient.of("+1"), Recipient.of("+2", Map.of())))
                .idempotencyKey("k")
                .build());

        assertThat(listed.id()).isEqualTo(plain.id());
        awaitStatus(plain, ReservationStatus.COMPLETED);
        assertThat(f.msgsvc.reservation("acme", plain.id()).deliveries())
                .extracting(Delivery::variables)
                .containsOnlyNulls();
    }

    private void awaitStatus(Reservation r, ReservationStatus status) {
        await().until(() -> f.msgsvc.reservation("acme", r.id()).reservation().status() == status);
    }
}
