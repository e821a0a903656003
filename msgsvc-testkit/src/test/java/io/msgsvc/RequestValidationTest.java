package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.MessageSizer;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationAccessDeniedException;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationNotFoundException;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.testkit.EngineFixture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestValidationTest {
    private final EngineFixture f = new EngineFixture(
            new InMemoryStorage(),
            b -> b.recipientPolicy(RecipientPolicy.defaults().withMaxRecipients(5)));

    @AfterEach
    void close() {
        f.close();
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("no customer", EngineFixture.request(null, "Hi", "+1"), "customerId", "must not be null"),
                Arguments.of(
                        "blank customer", EngineFixture.request("  ", "Hi", "+1"), "customerId", "must not be blank"),
                Arguments.of("null text", EngineFixture.request("acme", null, "+1"), "text", "must not be null"),
                Arguments.of("blank text", EngineFixture.request("acme", " \t", "+1"), "text", "must not be blank"),
                Arguments.of(
                        "blank subject",
                        EngineFixture.request("acme", "Hi", "+1").subject(" "),
                        "subject",
                        "must not be blank"),
                Arguments.of(
                        "null recipients",
                        ReservationRequest.builder()
                                .customerId("acme")
                                .text("Hi")
                                .recipients((List<String>) null),
                        "recipients",
                        "must not be null"),
                Arguments.of(
                        "empty recipients",
                        ReservationRequest.builder()
                                .customerId("acme")
                                .text("Hi")
                                .recipients(Collections.emptyList()),
                        "recipients",
                        "must not be empty"),
                Arguments.of(
                        "null recipient",
                        ReservationRequest.builder()
                                .customerId("acme")
                                .text("Hi")
                                .recipients(Arrays.asList("+1", null)),
                        "recipients[1]",
                        "must not be null"),
                Arguments.of(
                        "blank recipient",
                        EngineFixture.request("acme", "Hi", "+1", "+2", " "),
                        "recipients[2]",
                        "must not be blank"),
                Arguments.of(
                        "duplicate recipient",
                        EngineFixture.request("acme", "Hi", "+1", "+2", " +1"),
                        "recipients[2]",
                        "repeats recipients[0]"),
                Arguments.of(
                        "too many recipients",
                        EngineFixture.request("acme", "Hi", "1", "2", "3", "4", "5", "6"),
                        "recipients",
                        "more than the limit of 5"),
                Arguments.of(
                        "blank idempotency key",
                        EngineFixture.request("acme", "Hi", "+1").idempotencyKey(""),
                        "idempotencyKey",
                        "must not be blank"),
                Arguments.of(
                        "overlong recipient",
                        EngineFixture.request("acme", "Hi", "x".repeat(321)),
                        "recipients[0]",
                        "more than the maximum of 320"),
                Arguments.of(
                        "send time past year 9999",
                        EngineFixture.request("acme", "Hi", "+1").sendAt(java.time.Instant.MAX),
                        "sendAt",
                        "must be between"),
                Arguments.of(
                        "send time before 1970",
                        EngineFixture.request("acme", "Hi", "+1")
                                .sendAt(java.time.Instant.parse("1969-12-31T23:59:59Z")),
                        "sendAt",
                        "must be between"),
                Arguments.of(
                        "local send time before 1970",
                        EngineFixture.request("acme", "Hi", "+1")
                                .sendAt(java.time.LocalDateTime.parse("1969-12-31T23:00"), java.time.ZoneOffset.UTC),
                        "localSendAt",
                        "must be between"),
                Arguments.of(
                        "customer with surrounding blanks",
                        EngineFixture.request(" acme", "Hi", "+1"),
                        "customerId",
                        "must not start or end with white space"),
                Arguments.of(
                        "NUL in text",
                        EngineFixture.request("acme", "Hi\u0000", "+1"),
                        "text",
                        "must not contain the NUL character"),
                Arguments.of(
                        "NUL in recipient",
                        EngineFixture.request("acme", "Hi", "+1\u0000"),
                        "recipients[0]",
                        "must not contain the NUL character"),
                Arguments.of(
                        "lone high surrogate in text",
                        EngineFixture.request("acme", "Hi \uD83D", "+1"),
                        "text",
                        "not well-formed Unicode"),
                Arguments.of(
                        "lone low surrogate in subject",
                        EngineFixture.request("acme", "Hi", "+1").subject("\uDE00 sale"),
                        "subject",
                        "not well-formed Unicode"),
                Arguments.of(
                        "surrogates in the wrong order in a recipient",
                        EngineFixture.request("acme", "Hi", "+1", "+2\uDE00\uD83D"),
                        "recipients[1]",
                        "not well-formed Unicode"),
                Arguments.of(
                        "lone surrogate in the idempotency key",
                        EngineFixture.request("acme", "Hi", "+1").idempotencyKey("k\uD800"),
                        "idempotencyKey",
                        "not well-formed Unicode"),
                Arguments.of(
                        "lone surrogate in the customer id",
                        EngineFixture.request("ac\uDFFFme", "Hi", "+1"),
                        "customerId",
                        "not well-formed Unicode"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputIsRefusedNamingTheFieldAndStoresNothing(
            String name, ReservationRequest.Builder request, String field, String problem) {
        Reservation before =
                f.msgsvc.reserve(EngineFixture.request("acme", "kept", "+9").build());

        assertThatThrownBy(() -> f.msgsvc.reserve(request.build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(field + ": ")
                .hasMessageContaining(problem)
                .satisfies(
                        e -> assertThat(((InvalidRequestException) e).field()).isEqualTo(field));

        assertThat(f.msgsvc.reservations("acme", PageRequest.of(0, 10)).items())
                .extracting(Reservation::id)
                .containsExactly(before.id());
        assertThat(f.msgsvc.reservation("acme", before.id()).deliveries()).hasSize(1);
    }

    @Test
    void textsThatDifferOnlyInLoneSurrogatesNeverShareAnIdempotencyFingerprint() {
        Reservation first = f.msgsvc.reserve(EngineFixture.request("acme", "Hi \uD83D\uDE00", "+1")
                .idempotencyKey("k")
                .build());

        // each would have been encoded as "Hi ?" by the fingerprint, the first answered as a retry of the other
        assertThatThrownBy(() -> f.msgsvc.reserve(EngineFixture.request("acme", "Hi \uD83D", "+1")
                        .idempotencyKey("k")
                        .build()))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(
                        e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("text"));
        assertThat(f.msgsvc
                        .reserve(EngineFixture.request("acme", "Hi \uD83D\uDE00", "+1")
                                .idempotencyKey("k")
                                .build())
                        .id())
                .as("well-formed emoji text is kept and retried as before")
                .isEqualTo(first.id());
        assertThat(f.msgsvc.reservation("acme", first.id()).reservation().text())
                .isEqualTo("Hi \uD83D\uDE00");
    }

    @Test
    void nullRequestIsRefused() {
        assertThatThrownBy(() -> f.msgsvc.reserve(null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("request: must not be null");
    }

    @Test
    void duplicatesCanBeDroppedOrAllowedByPolicy() {
        try (EngineFixture dropping = new EngineFixture(
                        new InMemoryStorage(),
                        b -> b.recipientPolicy(
                                RecipientPolicy.defaults().withDuplicates(RecipientPolicy.Duplicates.DROP)));
                EngineFixture allowing = new EngineFixture(
                        new InMemoryStorage(),
                        b -> b.recipientPolicy(
                                RecipientPolicy.defaults().withDuplicates(RecipientPolicy.Duplicates.ALLOW)))) {
            Reservation dropped = dropping.msgsvc.reserve(
                    EngineFixture.request("a", "Hi", "+1", "+2", "+1").build());
            Reservation allowed = allowing.msgsvc.reserve(
                    EngineFixture.request("a", "Hi", "+1", "+2", "+1").build());

            assertThat(dropping.msgsvc.reservation("a", dropped.id()).deliveries())
                    .extracting(io.msgsvc.api.Delivery::recipient)
                    .containsExactly("+1", "+2");
            assertThat(allowing.msgsvc.reservation("a", allowed.id()).deliveries())
                    .extracting(io.msgsvc.api.Delivery::recipient)
                    .containsExactly("+1", "+2", "+1");
        }
    }

    @Test
    void recipientsAreTrimmed() {
        Reservation r = f.msgsvc.reserve(
                EngineFixture.request("acme", "Hi", "  +1 ", "+2\n").build());
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries())
                .extracting(io.msgsvc.api.Delivery::recipient)
                .containsExactly("+1", "+2");
    }

    @Test
    void failFastContentPolicyRefusesAtRegistration() {
        try (EngineFixture strict = new EngineFixture(
                new InMemoryStorage(),
                b -> b.contentPolicy(ContentPolicy.maxLength(10).failFast()))) {
            assertThatThrownBy(() -> strict.msgsvc.reserve(
                            EngineFixture.request("a", "01234567890", "+1").build()))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("text: message length 11 exceeds the limit of 10");
            assertThat(strict.msgsvc.reservations("a", PageRequest.of(0, 10)).totalItems())
                    .isZero();
        }
    }

    @Test
    void failFastSizesEachRecipientsRenderingNotThePlaceholders() {
        try (EngineFixture strict = new EngineFixture(
                new InMemoryStorage(),
                b -> b.contentPolicy(
                        ContentPolicy.sized(MessageSizer.koreanCarriers()).failFast()))) {
            // 95 bytes as written, placeholder included; 83 rendered: it fits
            String template = "가".repeat(40) + "#{customerName}";
            Reservation fits = strict.msgsvc.reserve(EngineFixture.request("a", template)
                    .recipient("+1", Map.of("customerName", "Kim"))
                    .build());
            assertThat(fits.id()).isNotNull();
            // 4 bytes as written, 91 rendered for the second recipient: refused naming it
            assertThatThrownBy(() -> strict.msgsvc.reserve(EngineFixture.request("a", "#{n}")
                            .recipient("+1", Map.of("n", "short"))
                            .recipient("+2", Map.of("n", "x".repeat(91)))
                            .build()))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.field()).isEqualTo("recipients[1]");
                        assertThat(e.getMessage()).contains("91 bytes in EUC-KR");
                    });
            assertThatThrownBy(() -> strict.msgsvc.reserve(
                            EngineFixture.request("a", "x".repeat(91), "+1").build()))
                    .isInstanceOfSatisfying(
                            InvalidRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("text"));
            assertThat(strict.msgsvc.reservations("a", PageRequest.of(0, 10)).totalItems())
                    .isEqualTo(1);
        }
    }

    @Test
    void unknownReservationIsNotFound() {
        ReservationId unknown = ReservationId.random();
        assertThatThrownBy(() -> f.msgsvc.reservation("acme", unknown))
                .isInstanceOf(ReservationNotFoundException.class)
                .hasMessage("reservationId: no reservation " + unknown);
        assertThatThrownBy(() -> f.msgsvc.cancel("acme", unknown)).isInstanceOf(ReservationNotFoundException.class);
    }

    @Test
    void aCustomerCannotReachAnotherCustomersReservation() {
        Reservation theirs =
                f.msgsvc.reserve(EngineFixture.request("globex", "Hi", "+1").build());

        assertThatThrownBy(() -> f.msgsvc.reservation("acme", theirs.id()))
                .isInstanceOf(ReservationAccessDeniedException.class)
                .hasMessageContaining("does not belong to customer 'acme'");
        assertThatThrownBy(() -> f.msgsvc.cancel("acme", theirs.id()))
                .isInstanceOf(ReservationAccessDeniedException.class);
        assertThatThrownBy(() -> f.msgsvc.dashboard("acme", theirs.id()))
                .isInstanceOf(ReservationAccessDeniedException.class);
        assertThatThrownBy(() -> f.msgsvc.charges("acme", theirs.id()))
                .isInstanceOf(ReservationAccessDeniedException.class);
        assertThat(f.msgsvc.reservations("acme", PageRequest.of(0, 10)).items()).isEmpty();
    }

    @Test
    void queryArgumentsNameTheirField() {
        assertThatThrownBy(() -> f.msgsvc.statistics("acme", null, java.time.Instant.now()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("from: ");
        assertThatThrownBy(() -> f.msgsvc.statistics(java.time.Instant.now(), null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("to: ");
        assertThatThrownBy(() -> f.msgsvc.statistics(java.time.Instant.now(), java.time.Instant.EPOCH))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("must not be before from");
        assertThatThrownBy(() -> f.msgsvc.reservations("acme", null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("page: ");
        assertThatThrownBy(() -> f.msgsvc.dashboard("acme", (PageRequest) null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("page: ");
    }

    @Test
    void malformedIdsAndPagesNameTheirField() {
        assertThatThrownBy(() -> ReservationId.parse("nope"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("reservationId: ");
        assertThatThrownBy(() -> PageRequest.of(-1, 10))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("page: ");
        assertThatThrownBy(() -> PageRequest.of(0, 0))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("size: ");
    }

    @Test
    void pagesListNewestFirst() {
        List<ReservationId> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(f.msgsvc
                    .reserve(EngineFixture.request("acme", "Hi " + i, "+1").build())
                    .id());
        }
        Collections.reverse(ids);
        var first = f.msgsvc.reservations("acme", PageRequest.of(0, 2));
        var last = f.msgsvc.reservations("acme", PageRequest.of(2, 2));
        assertThat(first.items()).extracting(Reservation::id).containsExactly(ids.get(0), ids.get(1));
        assertThat(last.items()).extracting(Reservation::id).containsExactly(ids.get(4));
        assertThat(first.totalItems()).isEqualTo(5);
        assertThat(first.totalPages()).isEqualTo(3);
    }
}
