package io.msgsvc.crash;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;

/** What the {@link SimulatedProvider} saw, read from its own tables: the suites' view from the gateway's side. */
final class GatewayLog {
    private final DataSource db;

    GatewayLog(DataSource db) {
        this.db = db;
    }

    /** Recipients whose first call came before the first call of an earlier recipient of the same reservation. */
    long calledOutOfListOrder() throws SQLException {
        return count("select count(*) from (select reservation_id, seq, min(call_id) as first_call,"
                + " lag(min(call_id)) over (partition by reservation_id order by seq) as previous"
                + " from crash_provider_call group by reservation_id, seq) x"
                + " where x.first_call < x.previous");
    }

    /** Calls that carried another key than their delivery's: a recipient could get two messages. */
    long callsWithAForeignKey() throws SQLException {
        return count(
                "select count(*) from crash_provider_call where idempotency_key <> reservation_id::text || '/' || seq");
    }

    /** Recipients called under more than one key. */
    long recipientsWithTwoKeys() throws SQLException {
        return count("select count(*) from (select reservation_id, seq from crash_provider_call"
                + " group by reservation_id, seq having count(distinct idempotency_key) > 1) x");
    }

    /** Accepted calls that repeated an accepted key (the gateway kept one message for them). */
    long repeatedAccepted() throws SQLException {
        return count("select count(*) - count(distinct idempotency_key) from crash_provider_call"
                + " where outcome = 'accepted'");
    }

    /** Messages accepted, each key once. */
    long accepted() throws SQLException {
        return count("select count(*) from crash_provider_message");
    }

    /** The nodes that called the gateway. */
    Set<String> callingNodes() throws SQLException {
        return strings("select distinct node from crash_provider_call");
    }

    long calls() throws SQLException {
        return count("select count(*) from crash_provider_call");
    }

    /** The keys of the messages the gateway accepted, each once. */
    Set<String> acceptedKeys() throws SQLException {
        return strings("select idempotency_key from crash_provider_message");
    }

    private Set<String> strings(String sql) throws SQLException {
        Set<String> values = new HashSet<>();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
