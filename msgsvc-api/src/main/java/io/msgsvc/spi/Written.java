package io.msgsvc.spi;

import io.msgsvc.api.ReservationEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a store write did, with the events its change produced. The engine decides, in the same transaction, whether
 * the events are projected at once or appended to the {@link Outbox}; either way they commit with the change.
 *
 * @param value  the write's own answer
 * @param events the events of what changed, in order; empty when nothing did
 * @param <T>    the type of the write's answer
 */
public record Written<T>(T value, List<ReservationEvent> events) {
    /**
     * @param value  the write's own answer
     * @param events the events of what changed, in order, not null; copied
     * @throws NullPointerException if {@code events} is null or holds null
     */
    public Written {
        events = List.copyOf(events);
    }

    /**
     * A write that produced no event.
     *
     * @param value the write's answer
     * @param <T>   its type
     * @return the answer without events
     */
    public static <T> Written<T> quietly(T value) {
        return new Written<>(value, List.of());
    }

    /**
     * The same events with another answer.
     *
     * @param f   turns this answer into the new one
     * @param <U> the new answer's type
     * @return the new answer with these events
     */
    public <U> Written<U> map(Function<? super T, ? extends U> f) {
        return new Written<>(f.apply(value), events);
    }

    /**
     * This answer, with the events of {@code more} written after these in the same transaction.
     *
     * @param more a later write, whose answer is dropped
     * @return this answer with both writes' events, these first
     */
    public Written<T> plus(Written<?> more) {
        if (more.events.isEmpty()) {
            return this;
        }
        List<ReservationEvent> all = new ArrayList<>(events);
        all.addAll(more.events);
        return new Written<>(value, all);
    }

    /**
     * A write that produced these events.
     *
     * @param value  the write's answer
     * @param events its events, in order, none null
     * @param <T>    the answer's type
     * @return the answer with the events
     */
    public static <T> Written<T> with(T value, ReservationEvent... events) {
        return new Written<>(value, List.of(events));
    }
}
