package io.msgsvc.memory;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.Page;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.NewReservation;
import io.msgsvc.spi.Registration;
import io.msgsvc.spi.Registrations;
import io.msgsvc.spi.StorageTx;
import io.msgsvc.spi.TraceContext;
import io.msgsvc.spi.Written;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Registration and the customers' queries, in memory. */
final class InMemoryRegistrations implements Registrations {
    private final InMemoryStorage storage;
    private final ReservationRows rows;

    InMemoryRegistrations(InMemoryStorage storage, ReservationRows rows) {
        this.storage = storage;
        this.rows = rows;
    }

    @Override
    public Written<Registration> register(StorageTx tx, NewReservation r, ReservationEvent.Reserved reserved) {
        InMemoryTx memory = InMemoryTx.of(tx, storage);
        if (r.idempotencyKey() != null) {
            ReservationRow existing = rows.byIdempotencyKey(r.customerId(), r.idempotencyKey());
            if (existing != null) {
                return Written.quietly(new Registration(existing.view(), false, existing.fingerprint));
            }
        }
        ReservationRow row = new ReservationRow(r);
        rows.add(memory, row);
        return Written.with(new Registration(row.view(), true, row.fingerprint), reserved);
    }

    @Override
    public TraceContext traceContext(StorageTx tx, ReservationId id) {
        return storage.read(() -> {
            ReservationRow row = rows.get(id);
            return row == null ? TraceContext.NONE : row.traceContext;
        });
    }

    @Override
    public Optional<Reservation> find(ReservationId id) {
        return storage.read(() -> Optional.ofNullable(rows.get(id)).map(ReservationRow::view));
    }

    @Override
    public List<Delivery> deliveries(ReservationId id, int fromSequence, int limit) {
        return storage.read(() -> {
            ReservationRow row = rows.get(id);
            if (row == null) {
                return List.of();
            }
            int from = Math.max(fromSequence, 0);
            int end = (int) Math.min(row.size(), (long) from + limit);
            List<Delivery> result = new ArrayList<>(Math.max(0, end - from));
            for (int seq = from; seq < end; seq++) {
                result.add(row.delivery(seq));
            }
            return result;
        });
    }

    @Override
    public Page<Reservation> findByCustomer(String customerId, PageRequest page) {
        return storage.read(() -> {
            List<ReservationRow> all = rows.ofCustomer(customerId);
            List<Reservation> items = new ArrayList<>();
            for (long i = page.offset(); i < all.size() && items.size() < page.size(); i++) {
                items.add(all.get(all.size() - 1 - (int) i).view());
            }
            return new Page<>(items, page.page(), page.size(), all.size());
        });
    }
}
