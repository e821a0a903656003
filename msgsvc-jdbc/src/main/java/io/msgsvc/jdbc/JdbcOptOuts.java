package io.msgsvc.jdbc;

import io.msgsvc.api.OptOut;
import io.msgsvc.api.OptOutScope;
import io.msgsvc.api.Page;
import io.msgsvc.api.PageRequest;
import io.msgsvc.jdbc.Schema.OptOutTable;
import io.msgsvc.spi.OptOuts;
import io.msgsvc.spi.StorageTx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The opt-out lists in {@code msgsvc_opt_out}, keyed by address and list (the global list's customer is the empty
 * string). A batch lookup is one query, which also tells whether the table holds any row.
 */
final class JdbcOptOuts implements OptOuts {
    private static final String GLOBAL = "";

    private final Db db;

    JdbcOptOuts(Db db) {
        this.db = db;
    }

    @Override
    public void add(StorageTx tx, List<OptOut> entries) {
        DSLContext ctx = JdbcTx.ctx(tx, db);
        // one row per key, the last given winning; in key order, so two imports cannot deadlock
        Map<List<String>, OptOut> byKey = new LinkedHashMap<>();
        entries.forEach(e -> byKey.put(List.of(e.address(), list(e.customerId())), e));
        List<Query> upserts = new ArrayList<>(byKey.size());
        byKey.values().stream()
                .sorted(Comparator.comparing(OptOut::address).thenComparing(e -> list(e.customerId())))
                .forEach(e -> upserts.add(ctx.insertInto(OptOutTable.T, OptOutTable.ALL)
                        .values(e.address(), list(e.customerId()), e.scope().name(), e.reason(), Db.ts(e.createdAt()))
                        .onConflict(OptOutTable.ADDRESS, OptOutTable.CUSTOMER_ID)
                        .doUpdate()
                        .set(OptOutTable.SCOPE, e.scope().name())
                        .set(OptOutTable.REASON, e.reason())
                        .set(OptOutTable.CREATED_AT, Db.ts(e.createdAt()))));
        Db.execute(ctx, upserts);
    }

    @Override
    public boolean remove(StorageTx tx, String customerId, String address) {
        return JdbcTx.ctx(tx, db)
                        .deleteFrom(OptOutTable.T)
                        .where(OptOutTable.ADDRESS.eq(address))
                        .and(OptOutTable.CUSTOMER_ID.eq(list(customerId)))
                        .execute()
                > 0;
    }

    @Override
    public Page<OptOut> list(String customerId, PageRequest page) {
        return db.read(ctx -> {
            var inList = OptOutTable.CUSTOMER_ID.eq(list(customerId));
            int total = ctx.fetchCount(OptOutTable.T, inList);
            List<OptOut> items = ctx.select(OptOutTable.ALL)
                    .from(OptOutTable.T)
                    .where(inList)
                    .orderBy(OptOutTable.ADDRESS)
                    .limit(page.size())
                    .offset(page.offset())
                    .fetch(JdbcOptOuts::entry);
            return new Page<>(items, page.page(), page.size(), total);
        });
    }

    @Override
    public Matches lookup(String customerId, Collection<String> addresses) {
        // one row always: the matches joined to a single row that says whether the table holds any entry
        Field<Boolean> any =
                DSL.field(DSL.exists(DSL.selectOne().from(OptOutTable.T))).as("any_entry");
        return db.read(ctx -> {
            List<Field<?>> fields = new ArrayList<>(OptOutTable.ALL);
            fields.add(any);
            var rows = ctx.select(fields)
                    .from(DSL.selectOne().asTable("one"))
                    .leftJoin(OptOutTable.T)
                    .on(OptOutTable.ADDRESS.in(addresses))
                    .and(OptOutTable.CUSTOMER_ID.in(list(customerId), GLOBAL))
                    .fetch();
            List<OptOut> found = new ArrayList<>();
            boolean anyEntry = false;
            for (Record row : rows) {
                anyEntry |= Boolean.TRUE.equals(row.get(any));
                if (row.get(OptOutTable.ADDRESS) != null) {
                    found.add(entry(row));
                }
            }
            return new Matches(found, anyEntry);
        });
    }

    private static OptOut entry(Record row) {
        String customerId = row.get(OptOutTable.CUSTOMER_ID);
        return new OptOut(
                GLOBAL.equals(customerId) ? null : customerId,
                row.get(OptOutTable.ADDRESS),
                OptOutScope.valueOf(row.get(OptOutTable.SCOPE)),
                row.get(OptOutTable.REASON),
                Db.instant(row.get(OptOutTable.CREATED_AT)));
    }

    private static String list(String customerId) {
        return customerId == null ? GLOBAL : customerId;
    }
}
