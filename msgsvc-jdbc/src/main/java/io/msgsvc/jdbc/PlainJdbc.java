package io.msgsvc.jdbc;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Statements run with plain JDBC on a jOOQ context's connection (so in its transaction, and with its exceptions
 * translated): those written once per delivery, bound as arrays, and those every batch runs, rendered once by
 * {@link Db#render}.
 */
final class PlainJdbc {
    private final boolean postgres;
    /** PostgreSQL and H2 have a UUID type; MariaDB/MySQL keep ids as CHAR(36). */
    private final boolean uuidColumns;

    PlainJdbc(boolean postgres, boolean uuidColumns) {
        this.postgres = postgres;
        this.uuidColumns = uuidColumns;
    }

    /**
     * Writes rows with one statement: on PostgreSQL {@code arraySql}, each column bound whole as an array of the
     * given element type ({@code timestamp} columns as microseconds, see {@link #fromMicros}), so one execution
     * writes the batch; elsewhere {@code rowSql} once per row as a JDBC batch. For the statements written once per
     * delivery: jOOQ would walk its query tree again for every row bound, which costs more than the write.
     */
    void writeRows(DSLContext ctx, String rowSql, String arraySql, List<String> arrayTypes, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (!postgres) {
            updateEach(ctx, rowSql, rows);
            return;
        }
        ctx.connection(c -> {
            try (PreparedStatement statement = c.prepareStatement(arraySql)) {
                for (int column = 0; column < arrayTypes.size(); column++) {
                    String type = arrayTypes.get(column);
                    Object[] values = columnArray(type, rows, column);
                    if (BINARY_ARRAY_TYPES.contains(type)) {
                        statement.setObject(column + 1, values);
                    } else {
                        statement.setArray(column + 1, c.createArrayOf(type, values));
                    }
                }
                statement.execute();
            }
        });
    }

    /** Column types bound as binary arrays; the others go as the driver's text form of an array. */
    private static final Set<String> BINARY_ARRAY_TYPES = Set.of("int2", "int4", "int8", "text", "timestamp");

    /**
     * The SQL that turns {@code micros} (microseconds since 1970 in UTC, as a {@code timestamp} array column is
     * bound) into a {@code timestamp}, cheaper for both sides than a timestamp written out as text and parsed again.
     * Whole seconds and the microseconds left are added apart: PostgreSQL multiplies an interval by a float8, exact
     * for each part in every year from 1 to 9999, while microseconds alone would lose precision after 2255.
     */
    static String fromMicros(String micros) {
        return "(timestamp '1970-01-01' + (" + micros + " / 1000000) * interval '1 second' + (" + micros
                + " % 1000000) * interval '1 microsecond')";
    }

    /**
     * One column of {@code rows} as a Java array for the PostgreSQL driver: numbers as arrays of their width and
     * timestamps as microseconds (see {@link #fromMicros}), which it sends in binary, every other type as text for
     * the statement's cast ({@code uuid}, {@code numeric}). The driver's text form of an array cost more to build,
     * and the server more to parse, than the rows' writes. One loop per kind of column: a loop choosing by type for
     * every element saw every type, and the JIT compiled it again whenever a batch brought another.
     */
    private static Object[] columnArray(String type, List<Object[]> rows, int column) {
        int size = rows.size();
        return switch (type) {
            case "int2" -> copyColumn(rows, column, new Short[size]);
            case "int4" -> copyColumn(rows, column, new Integer[size]);
            case "int8" -> copyColumn(rows, column, new Long[size]);
            case "timestamp" -> microsColumn(rows, column);
            default -> textColumn(rows, column);
        };
    }

    /** The column as it is, into {@code into}: the callers' own types, so a value of another is a bug it rejects. */
    private static Object[] copyColumn(List<Object[]> rows, int column, Object[] into) {
        for (int row = 0; row < into.length; row++) {
            into[row] = rows.get(row)[column];
        }
        return into;
    }

    private static Long[] microsColumn(List<Object[]> rows, int column) {
        Long[] micros = new Long[rows.size()];
        for (int row = 0; row < micros.length; row++) {
            Object value = rows.get(row)[column];
            micros[row] = value == null ? null : micros((LocalDateTime) value);
        }
        return micros;
    }

    /** Texts for the statement's cast; a value repeated from the row before (a batch's reservation id) once. */
    private static String[] textColumn(List<Object[]> rows, int column) {
        String[] texts = new String[rows.size()];
        Object previous = null;
        String previousText = null;
        for (int row = 0; row < texts.length; row++) {
            Object value = rows.get(row)[column];
            if (value != null && value != previous) {
                previousText = value instanceof BigDecimal number ? number.toPlainString() : value.toString();
                previous = value;
            }
            texts[row] = value == null ? null : previousText;
        }
        return texts;
    }

    private static long micros(LocalDateTime time) {
        return time.toEpochSecond(ZoneOffset.UTC) * 1_000_000 + time.getNano() / 1000;
    }

    /** What a query's rows become. */
    @FunctionalInterface
    interface RowsReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** Runs a query with plain JDBC on the context's connection. */
    <T> T query(DSLContext ctx, String sql, RowsReader<T> reader, Object... parameters) {
        return ctx.connectionResult(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    bind(statement, i + 1, parameters[i]);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    return reader.read(rows);
                }
            }
        });
    }

    /** Runs an insert, update or delete with plain JDBC on the context's connection; returns the rows changed. */
    int update(DSLContext ctx, String sql, Object... parameters) {
        return ctx.connectionResult(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    bind(statement, i + 1, parameters[i]);
                }
                return statement.executeUpdate();
            }
        });
    }

    /** Runs {@code sql} once for each row of parameters: alone for one row, else as one JDBC batch. */
    void updateEach(DSLContext ctx, String sql, List<Object[]> rows) {
        if (rows.size() == 1) {
            update(ctx, sql, rows.get(0));
        } else if (!rows.isEmpty()) {
            ctx.connection(c -> {
                try (PreparedStatement statement = c.prepareStatement(sql)) {
                    for (Object[] row : rows) {
                        for (int i = 0; i < row.length; i++) {
                            bind(statement, i + 1, row[i]);
                        }
                        statement.addBatch();
                    }
                    statement.executeBatch();
                }
            });
        }
    }

    private void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR); // only text columns are nullable in these statements
        } else if (value instanceof UUID uuid && !uuidColumns) {
            statement.setString(index, uuid.toString());
        } else {
            statement.setObject(index, value);
        }
    }
}
