package io.msgsvc.crash;

import io.msgsvc.api.AsyncMessageChannel;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.SendOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * An SMS gateway as the crash suite needs it: it keeps every call and every message it accepted in tables of its own
 * (in the suite's database, which outlives every node), and honours idempotency keys: a key sent again after it was
 * accepted is answered "accepted" and stays one message. Some numbers are always refused (a permanent failure);
 * some calls find it busy (a transient failure, nothing accepted). Its client is asynchronous, as an SMPP session's
 * is: a call is taken (and kept) when it is issued, in the order issued, and answered 1 to 8 ms later, so the
 * engine keeps a window of calls in flight.
 */
final class SimulatedProvider implements AsyncMessageChannel {
    /** One in this many idempotency keys names a number the gateway always refuses. */
    static final int REFUSED_ONE_IN = 40;

    private final DataSource ownTables;
    private final String node;
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "provider-answers");
        t.setDaemon(true);
        return t;
    });

    SimulatedProvider(DataSource ownTables, String node) {
        this.ownTables = ownTables;
        this.node = node;
    }

    static void createTables(DataSource db) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute("create table crash_provider_call (call_id bigserial primary key,"
                    + " idempotency_key varchar(100) not null, reservation_id uuid not null, seq int not null,"
                    + " attempt int not null, node varchar(100) not null, outcome varchar(20) not null)");
            s.execute("create table crash_provider_message (idempotency_key varchar(100) primary key,"
                    + " node varchar(100) not null)");
        }
    }

    static boolean refuses(String idempotencyKey) {
        return Math.floorMod(idempotencyKey.hashCode(), REFUSED_ONE_IN) == 0;
    }

    @Override
    public CompletionStage<SendOutcome> sendAsync(OutboundMessage m) {
        SendOutcome outcome;
        try {
            outcome = take(m);
        } catch (SQLException e) {
            return CompletableFuture.failedFuture(e); // the provider was not reached: nothing taken
        }
        CompletableFuture<SendOutcome> answer = new CompletableFuture<>();
        answers.schedule(
                () -> answer.complete(outcome), 1 + ThreadLocalRandom.current().nextInt(8), TimeUnit.MILLISECONDS);
        return answer;
    }

    /** The provider takes the call: kept, with what it will answer, before the answer goes back. */
    private SendOutcome take(OutboundMessage m) throws SQLException {
        String key = m.idempotencyKey();
        String outcome = refuses(key) ? "refused" : ThreadLocalRandom.current().nextInt(40) == 0 ? "busy" : "accepted";
        try (Connection c = ownTables.getConnection()) {
            try (PreparedStatement call = c.prepareStatement("insert into crash_provider_call"
                    + " (idempotency_key, reservation_id, seq, attempt, node, outcome) values (?, ?, ?, ?, ?, ?)")) {
                call.setString(1, key);
                call.setObject(2, m.deliveryId().reservationId().value());
                call.setInt(3, m.deliveryId().sequence());
                call.setInt(4, m.attempt());
                call.setString(5, node);
                call.setString(6, outcome);
                call.execute();
            }
            if (outcome.equals("accepted")) {
                try (PreparedStatement message = c.prepareStatement("insert into crash_provider_message"
                        + " (idempotency_key, node) values (?, ?) on conflict do nothing")) {
                    message.setString(1, key);
                    message.setString(2, node);
                    message.execute();
                }
            }
        }
        return switch (outcome) {
            case "refused" -> SendOutcome.permanentFailure("number refused by the gateway");
            case "busy" -> SendOutcome.transientFailure("gateway busy");
            default -> SendOutcome.accepted("msg-" + key);
        };
    }
}
