package io.msgsvc.smpp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bound sessions: each binds at start and binds again, after a backoff that doubles up to its maximum, whenever
 * its connection drops or a bind is refused. A sending session keeps a window of places, one per unanswered submit.
 */
final class SmppSessions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmppSessions.class);
    private static final int RECEIVING_THREADS = 48;

    /** One place a session is bound in, through its reconnections. */
    final class Slot {
        final String name;
        final BindType bindType;
        final Semaphore window;
        private volatile AsyncSubmitSession session;
        private volatile long rebindAtNanos;
        private int failedBinds;

        Slot(String name, BindType bindType, int window) {
            this.name = name;
            this.bindType = bindType;
            // fair: a long message waiting for several places is not passed over by single ones without end
            this.window = new Semaphore(window, true);
        }

        /** The session while it is bound, else null. */
        AsyncSubmitSession bound() {
            AsyncSubmitSession current = session;
            return current != null && current.getSessionState().isBound() ? current : null;
        }
    }

    private final SmppSettings settings;
    private final MessageReceiverListener receiver;
    private final List<Slot> senders = new ArrayList<>();
    private final List<Slot> all = new ArrayList<>();
    private final ScheduledExecutorService rebinds;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger bindCount = new AtomicInteger();
    private volatile boolean closed;

    SmppSessions(SmppSettings settings, MessageReceiverListener receiver) {
        this.settings = settings;
        this.receiver = receiver;
        BindType sending = settings.bind() == SmppBind.TRANSCEIVER ? BindType.BIND_TRX : BindType.BIND_TX;
        for (int i = 0; i < settings.sessions(); i++) {
            senders.add(new Slot("smpp-" + (i + 1), sending, settings.windowPerSession()));
        }
        all.addAll(senders);
        if (settings.bind() == SmppBind.TRANSMITTER_AND_RECEIVER) {
            all.add(new Slot("smpp-receiver", BindType.BIND_RX, 0));
        }
        this.rebinds = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "msgsvc-smpp-rebind");
            t.setDaemon(true);
            return t;
        });
    }

    /** Binds every session once, now; those refused bind again in the background. */
    void open() {
        all.forEach(this::bind);
    }

    /**
     * A bound sending session with {@code places} free places in its window, taken; waits for places up to the
     * window wait. Null when no sending session is bound or the windows stayed full.
     */
    Slot take(int places) throws InterruptedException {
        int start = Math.floorMod(next.getAndIncrement(), senders.size());
        Slot waitOn = null;
        for (int i = 0; i < senders.size(); i++) {
            Slot slot = senders.get((start + i) % senders.size());
            if (slot.bound() != null) {
                if (slot.window.tryAcquire(places)) {
                    return slot;
                }
                waitOn = waitOn == null ? slot : waitOn;
            }
        }
        if (waitOn != null
                && waitOn.window.tryAcquire(places, settings.windowWait().toNanos(), TimeUnit.NANOSECONDS)) {
            return waitOn;
        }
        return null;
    }

    /** How long until a session may be bound again (for a channel with none bound now). */
    Duration untilRebind() {
        long soonest = Long.MAX_VALUE;
        for (Slot slot : senders) {
            soonest = Math.min(soonest, slot.rebindAtNanos - System.nanoTime());
        }
        long nanos = Math.max(soonest, settings.rebindInitialBackoff().toNanos());
        return Duration.ofNanos(Math.min(nanos, settings.rebindMaxBackoff().toNanos()));
    }

    boolean anySenderBound() {
        return senders.stream().anyMatch(s -> s.bound() != null);
    }

    int boundSessions() {
        return (int) all.stream().filter(s -> s.bound() != null).count();
    }

    int binds() {
        return bindCount.get();
    }

    private void bind(Slot slot) {
        if (closed) {
            return;
        }
        AsyncSubmitSession session = new AsyncSubmitSession(settings.bindTimeout());
        session.setTransactionTimer(settings.bindTimeout().toMillis());
        session.setEnquireLinkTimer(
                (int) Math.min(Integer.MAX_VALUE, settings.enquireLinkInterval().toMillis()));
        session.setMessageReceiverListener(receiver);
        // answers and receipts are handled on these threads: a receipt waiting for its commit holds one, and the
        // answers of a full window must not queue behind it (a full queue would be answered ESME_RTHROTTLED)
        session.setPduProcessorDegree(RECEIVING_THREADS);
        session.setQueueCapacity(settings.windowPerSession() * 2 + 256);
        // listening before the bind: a connection the SMSC drops right after its bind_resp is bound again too
        AtomicBoolean rebindAsked = new AtomicBoolean();
        session.addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED && oldState.isBound() && rebindAsked.compareAndSet(false, true)) {
                rebindLater(slot, "the connection closed");
            }
        });
        slot.session = session;
        try {
            session.connectAndBind(
                    settings.host(),
                    settings.port(),
                    new BindParameter(
                            slot.bindType,
                            settings.systemId(),
                            settings.password(),
                            settings.systemType(),
                            TypeOfNumber.UNKNOWN,
                            NumberingPlanIndicator.UNKNOWN,
                            null),
                    settings.bindTimeout().toMillis());
        } catch (Exception e) {
            session.unbindAndClose();
            if (rebindAsked.compareAndSet(false, true)) {
                rebindLater(slot, e.toString());
            }
            return;
        }
        if (!session.getSessionState().isBound()) {
            if (rebindAsked.compareAndSet(false, true)) {
                rebindLater(slot, "the connection closed as it was bound");
            }
            return;
        }
        synchronized (slot) {
            slot.failedBinds = 0;
        }
        bindCount.incrementAndGet();
        log.info("{} bound to {} ({})", slot.name, settings.endpoint(), slot.bindType);
        if (closed) {
            session.unbindAndClose();
        }
    }

    private void rebindLater(Slot slot, String why) {
        if (closed) {
            return;
        }
        long backoff;
        synchronized (slot) {
            int doublings = Math.min(slot.failedBinds++, 20);
            long max = settings.rebindMaxBackoff().toNanos();
            long grown = settings.rebindInitialBackoff().toNanos() << doublings;
            backoff = grown <= 0 || grown > max ? max : grown;
            // up to a fifth shorter, so the sessions of many nodes do not all come back in the same instant
            backoff -= (long) (backoff * 0.2 * ThreadLocalRandom.current().nextDouble());
            slot.rebindAtNanos = System.nanoTime() + backoff;
        }
        log.warn(
                "{} not bound to {} ({}): binding again in {} ms",
                slot.name,
                settings.endpoint(),
                why,
                TimeUnit.NANOSECONDS.toMillis(backoff));
        rebinds.schedule(() -> bind(slot), backoff, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        closed = true;
        rebinds.shutdownNow();
        for (Slot slot : all) {
            AsyncSubmitSession session = slot.session;
            if (session != null) {
                session.unbindAndClose();
            }
        }
    }
}
