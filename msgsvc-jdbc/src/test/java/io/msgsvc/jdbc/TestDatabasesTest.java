package io.msgsvc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class TestDatabasesTest {

    private static final String SKIP_LOCKED =
            "SELECT id, body FROM probe WHERE id IN (1, 2) ORDER BY id FOR UPDATE SKIP LOCKED";

    @Test
    void postgres() throws Exception {
        DataSource ds = timed("postgres", TestDatabases::postgres);
        roundTrip(ds);
        assertSkipLocked(ds);
        assertFreshDatabase(TestDatabases::postgres);
    }

    @Test
    void postgresDurable() throws Exception {
        DataSource ds = timed("postgresDurable", TestDatabases::postgresDurable);
        assertThat(show(ds, "fsync")).isEqualTo("on");
        assertThat(show(ds, "synchronous_commit")).isEqualTo("on");
        roundTrip(ds);
        assertSkipLocked(ds);
        assertFreshDatabase(TestDatabases::postgresDurable);
    }

    @Test
    void mariadb() throws Exception {
        DataSource ds = timed("mariadb", TestDatabases::mariadb);
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            System.out.println("[TestDatabasesTest] MariaDB version: " + rs.getString(1));
        }
        roundTrip(ds);
        assertSkipLocked(ds);
        assertFreshDatabase(TestDatabases::mariadb);
    }

    @Test
    void h2() throws Exception {
        DataSource ds = timed("h2", TestDatabases::h2);
        roundTrip(ds);
        // Report only: whether H2 accepts FOR UPDATE SKIP LOCKED is informational.
        try {
            List<Integer> first = new ArrayList<>();
            List<Integer> second = new ArrayList<>();
            skipLockedFromTwoTransactions(ds, first, second);
            System.out.println("[TestDatabasesTest] H2 accepts FOR UPDATE SKIP LOCKED; first tx got " + first
                    + ", concurrent second tx got " + second);
        } catch (SQLException e) {
            System.out.println("[TestDatabasesTest] H2 rejects FOR UPDATE SKIP LOCKED: " + e);
        }
        assertFreshDatabase(TestDatabases::h2);
    }

    // ---------------------------------------------------------------------------------------------

    private static DataSource timed(String what, Supplier<DataSource> supplier) {
        long start = System.nanoTime();
        DataSource ds = supplier.get();
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("[TestDatabasesTest] first " + what + "() took " + ms + " ms");
        return ds;
    }

    private static void roundTrip(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE probe (id INT PRIMARY KEY, body VARCHAR(100) NOT NULL)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO probe (id, body) VALUES (?, ?)")) {
                ps.setInt(1, 1);
                ps.setString(2, "hello");
                ps.addBatch();
                ps.setInt(1, 2);
                ps.setString(2, "world");
                ps.addBatch();
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT body FROM probe WHERE id = ?")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("hello");
                    assertThat(rs.next()).isFalse();
                }
            }
        }
    }

    /**
     * Locks row 1 in one transaction, then runs the SKIP LOCKED query in a second, concurrent
     * transaction: the server must accept the syntax and the second transaction must skip row 1.
     */
    private static void assertSkipLocked(DataSource ds) throws SQLException {
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        skipLockedFromTwoTransactions(ds, first, second);
        assertThat(first).containsExactly(1);
        assertThat(second).containsExactly(2);
    }

    private static void skipLockedFromTwoTransactions(DataSource ds, List<Integer> first, List<Integer> second)
            throws SQLException {
        try (Connection a = ds.getConnection();
                Connection b = ds.getConnection()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            try {
                try (Statement s = a.createStatement();
                        ResultSet rs = s.executeQuery("SELECT id FROM probe WHERE id = 1 FOR UPDATE SKIP LOCKED")) {
                    while (rs.next()) {
                        first.add(rs.getInt(1));
                    }
                }
                try (Statement s = b.createStatement();
                        ResultSet rs = s.executeQuery(SKIP_LOCKED)) {
                    while (rs.next()) {
                        second.add(rs.getInt(1));
                    }
                }
            } finally {
                a.rollback();
                b.rollback();
                a.setAutoCommit(true);
                b.setAutoCommit(true);
            }
        }
    }

    /** Another call must give another, empty database: the probe table must not exist there. */
    private static void assertFreshDatabase(Supplier<DataSource> supplier) throws SQLException {
        DataSource other = supplier.get();
        try (Connection c = other.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE probe (id INT PRIMARY KEY)");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM probe")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    private static String show(DataSource ds, String setting) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW " + setting)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
