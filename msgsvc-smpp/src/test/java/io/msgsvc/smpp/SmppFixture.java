package io.msgsvc.smpp;

import com.zaxxer.hikari.HikariDataSource;
import io.msgsvc.Msgsvc;
import io.msgsvc.MsgsvcBuilder;
import io.msgsvc.RetryPolicy;
import io.msgsvc.api.AsyncMessageChannel;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.ReportOutcome;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.jdbc.JdbcStorage;
import io.msgsvc.jdbc.TestDatabases;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * An engine on an embedded H2 database sending through a real SMPP channel to the SMSC simulator, with every call the
 * engine made to the channel and every event it told kept for assertions.
 */
final class SmppFixture implements AutoCloseable {
    static final String SYSTEM_ID = "msgsvc";
    static final String PASSWORD = "secret";

    final SmscSimulator smsc = SmscSimulator.start(SYSTEM_ID, PASSWORD);
    final SmppChannel smpp;
    final List<OutboundMessage> calls = new CopyOnWriteArrayList<>();
    final List<ReservationEvent> events = new CopyOnWriteArrayList<>();
    /** What the engine answered for each receipt the channel handed it. */
    final List<ReportOutcome> reportOutcomes = new CopyOnWriteArrayList<>();
    /** While set, storing receipts fails, as a database that is down would. */
    volatile boolean storageDown;
    /** While set, storing receipts fails with an Error, not an exception. */
    volatile boolean storageErrs;

    final Msgsvc msgsvc;
    private final DataSource database;

    SmppFixture(UnaryOperator<SmppChannelBuilder> channel, UnaryOperator<MsgsvcBuilder> engine) {
        this(TestDatabases.h2(), channel, engine);
    }

    SmppFixture(DataSource database, UnaryOperator<SmppChannelBuilder> channel, UnaryOperator<MsgsvcBuilder> engine) {
        this.database = database;
        this.smpp = channel.apply(SmppChannel.builder("127.0.0.1", smsc.port())
                        .account(SYSTEM_ID, PASSWORD)
                        .sourceAddress("15880000", 0, 1)
                        .rebindBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                        .timeouts(Duration.ofSeconds(3), Duration.ofSeconds(3)))
                .build();
        this.msgsvc = engine.apply(Msgsvc.builder()
                        .storage(JdbcStorage.builder(database).migrate(true).build())
                        .channel(recording(smpp))
                        .retryPolicy(RetryPolicy.exponential(8, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1)))
                        .channelTimeout(Duration.ofSeconds(5))
                        .pollInterval(Duration.ofMillis(100))
                        .shutdownTimeout(Duration.ofSeconds(5))
                        .eventListener(events::add))
                .build();
        smpp.start(reports -> {
            if (storageDown) {
                throw new IllegalStateException("the database is down");
            }
            if (storageErrs) {
                throw new LinkageError("a class the storage needs could not be loaded");
            }
            List<ReportOutcome> outcomes = msgsvc.reportDeliveries(reports);
            reportOutcomes.addAll(outcomes);
            return outcomes;
        });
        msgsvc.start();
    }

    /** The SMPP channel as the engine sees it, recording each call in the order the engine made them. */
    private AsyncMessageChannel recording(SmppChannel channel) {
        return new AsyncMessageChannel() {
            @Override
            public CompletionStage<SendOutcome> sendAsync(OutboundMessage message) {
                calls.add(message);
                return channel.sendAsync(message);
            }

            @Override
            public int window() {
                return channel.window();
            }

            @Override
            public boolean reportsDelivery() {
                return channel.reportsDelivery();
            }
        };
    }

    List<OutboundMessage> callsFor(ReservationId id) {
        return calls.stream()
                .filter(m -> m.deliveryId().reservationId().equals(id))
                .toList();
    }

    /** Submits the simulator received for these addresses (as the channel wrote them: digits of {@code +} numbers). */
    List<SmscSubmit> submitsTo(List<String> recipients) {
        List<String> addresses = recipients.stream()
                .map(r -> Submits.Destination.of(r).address())
                .toList();
        return smsc.submits().stream()
                .filter(s -> addresses.contains(s.destinationAddr()))
                .toList();
    }

    static ReservationRequest.Builder request(String customer, String text, String... recipients) {
        return ReservationRequest.builder().customerId(customer).text(text).recipients(Arrays.asList(recipients));
    }

    @Override
    public void close() {
        msgsvc.close();
        smpp.close();
        smsc.close();
        if (database instanceof HikariDataSource) {
            ((HikariDataSource) database).close();
        }
    }
}
