package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgsvc.api.CampaignRules;
import io.msgsvc.api.IdempotencyConflictException;
import io.msgsvc.api.MessageKind;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Reservation;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.testkit.EngineFixture;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdempotencyTest {
    private final EngineFixture f = new EngineFixture(new InMemoryStorage(), b -> b);

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void retriedRequestReturnsTheSameReservation() {
        Reservation first = f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1", "+2")
                .idempotencyKey("order-17")
                .build());
        f.clock.advance(Duration.ofMinutes(5)); // a retry later, still asking for "now"
        Reservation retry = f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1", "+2")
                .idempotencyKey("order-17")
                .build());

        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(f.msgsvc.reservations("acme", PageRequest.of(0, 10)).totalItems())
                .isEqualTo(1);
    }

    @Test
    void sameKeyForADifferentRequestIsAConflict() {
        Reservation first = f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1")
                .idempotencyKey("order-17")
                .build());

        assertThatThrownBy(() -> f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1", "+2")
                        .idempotencyKey("order-17")
                        .build()))
                .isInstanceOf(IdempotencyConflictException.class)
                .hasMessageContaining("idempotencyKey: 'order-17'")
                .satisfies(e -> assertThat(((IdempotencyConflictException) e).existing())
                        .isEqualTo(first.id()));
        assertThat(f.msgsvc.reservations("acme", PageRequest.of(0, 10)).totalItems())
                .isEqualTo(1);
    }

    @Test
    void theMessageKindAndConsentArePartOfTheRequest() {
        Reservation ad = f.msgsvc.reserve(EngineFixture.request("acme", "Sale", "+1")
                .kind(MessageKind.ADVERTISING)
                .idempotencyKey("promo-1")
                .build());

        assertThat(ad.rules()).isEqualTo(new CampaignRules(MessageKind.ADVERTISING, false));
        assertThat(f.msgsvc
                        .reserve(EngineFixture.request("acme", "Sale", "+1")
                                .kind(MessageKind.ADVERTISING)
                                .idempotencyKey("promo-1")
                                .build())
                        .id())
                .isEqualTo(ad.id());
        assertThatThrownBy(() -> f.msgsvc.reserve(EngineFixture.request("acme", "Sale", "+1")
                        .idempotencyKey("promo-1")
                        .build()))
                .as("the same text sent as informational")
                .isInstanceOf(IdempotencyConflictException.class);
        assertThatThrownBy(() -> f.msgsvc.reserve(EngineFixture.request("acme", "Sale", "+1")
                        .kind(MessageKind.ADVERTISING)
                        .nightConsent(true)
                        .idempotencyKey("promo-1")
                        .build()))
                .as("the same advertisement with consent stated")
                .isInstanceOf(IdempotencyConflictException.class);
        assertThat(f.msgsvc.reservations("acme", PageRequest.of(0, 10)).totalItems())
                .isEqualTo(1);
    }

    @Test
    void aRetryOfASendNowRequestMatchesUnderAnEngineLatenessAndAnOtherLatenessDoesNot() {
        EngineFixture late = new EngineFixture(
                new InMemoryStorage(),
                b -> b.campaignDefaults(CampaignDefaults.none().maxLateness(Duration.ofHours(6))));
        try {
            Reservation first = late.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1")
                    .idempotencyKey("k-1")
                    .build());
            late.clock.advance(Duration.ofMillis(1)); // its expiry, now plus the lateness, moved on

            assertThat(late.msgsvc
                            .reserve(EngineFixture.request("acme", "Hi", "+1")
                                    .idempotencyKey("k-1")
                                    .build())
                            .id())
                    .isEqualTo(first.id());
            assertThatThrownBy(() -> late.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1")
                            .maxLateness(Duration.ofHours(1))
                            .idempotencyKey("k-1")
                            .build()))
                    .isInstanceOf(IdempotencyConflictException.class);
            assertThatThrownBy(() -> late.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1")
                            .maxLateness(Duration.ofSeconds(Long.MAX_VALUE / 2))
                            .build()))
                    .isInstanceOfSatisfying(
                            io.msgsvc.api.InvalidRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("maxLateness"));
            assertThatThrownBy(() -> late.msgsvc.optOuts().add("a".repeat(129), io.msgsvc.api.OptOutRequest.of("+1")))
                    .isInstanceOfSatisfying(
                            io.msgsvc.api.InvalidRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("customerId"));
        } finally {
            late.close();
        }
    }

    @Test
    void keysBelongToOneCustomer() {
        Reservation acme = f.msgsvc.reserve(
                EngineFixture.request("acme", "Hi", "+1").idempotencyKey("k").build());
        Reservation globex = f.msgsvc.reserve(
                EngineFixture.request("globex", "Hi", "+1").idempotencyKey("k").build());
        assertThat(globex.id()).isNotEqualTo(acme.id());
    }

    @Test
    void concurrentRetriesStoreOneReservation() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Callable<Reservation> call = () -> f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1")
                    .idempotencyKey("once")
                    .build());
            List<Future<Reservation>> futures =
                    pool.invokeAll(IntStream.range(0, 32).mapToObj(i -> call).toList());
            Set<Object> ids = ConcurrentHashMap.newKeySet();
            for (Future<Reservation> future : futures) {
                ids.add(future.get().id());
            }
            assertThat(ids).hasSize(1);
            assertThat(f.msgsvc.reservations("acme", PageRequest.of(0, 10)).totalItems())
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
