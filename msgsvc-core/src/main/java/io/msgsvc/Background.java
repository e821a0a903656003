package io.msgsvc;

import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.DispatchQueue;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine's background work, by role, and the order it starts and stops in: sending stops first (nothing new
 * begins), sends in flight finish and are recorded, then the relay hands on the last events.
 */
final class Background {
    private static final Logger log = LoggerFactory.getLogger(Background.class);

    private final EngineConfig config;
    private final Projections projections;
    private final ReservationDispatcher dispatcher;
    private final DispatchScheduler scheduler;
    private final OutboxRelay relay;
    private final ReportSweeper sweeper;
    private final ExecutorService workers;
    private final ChannelInvoker channelInvoker;
    private final Consumer<ReservationId> cancelRequested;
    private final Consumer<ReservationId> pauseRequested;
    private final EngineCounts counts;

    private AutoCloseable storeWatch;

    Background(
            EngineConfig config,
            Projections projections,
            ReservationDispatcher dispatcher,
            DispatchScheduler scheduler,
            OutboxRelay relay,
            ReportSweeper sweeper,
            ExecutorService workers,
            ChannelInvoker channelInvoker,
            Consumer<ReservationId> cancelRequested,
            Consumer<ReservationId> pauseRequested) {
        this.config = config;
        this.projections = projections;
        this.dispatcher = dispatcher;
        this.scheduler = scheduler;
        this.relay = relay;
        this.sweeper = sweeper;
        this.workers = workers;
        this.channelInvoker = channelInvoker;
        this.cancelRequested = cancelRequested;
        this.pauseRequested = pauseRequested;
        this.counts = new EngineCounts(config);
    }

    void start() {
        List<Role> projecting =
                Role.PROJECTIONS.stream().filter(config.roles()::contains).toList();
        List<List<Role>> consumers = config.projectTogether() && !projecting.isEmpty()
                ? List.of(projecting)
                : projecting.stream().map(List::of).toList();
        for (List<Role> roles : consumers) {
            config.transport()
                    .subscribeEntries(
                            Role.consumerName(roles), counts.projecting(roles, projections.handlerFor(roles)));
        }
        config.transport().start();
        if (config.roles().contains(Role.RELAY)) {
            relay.loop().start();
        }
        if (config.roles().contains(Role.SENDER)) {
            scheduler.loop().start();
            sweeper.loop().start();
            storeWatch = config.storage().dispatchQueue().watch(new DispatchQueue.Watcher() {
                @Override
                public void dueTimesChanged() {
                    wake();
                }

                @Override
                public void cancelRequested(ReservationId id) {
                    cancelRequested.accept(id);
                }

                @Override
                public void pauseRequested(ReservationId id) {
                    pauseRequested.accept(id);
                }
            });
        }
    }

    /** A report was parked here: its send result is probably being stored; look for it soon. */
    void reportParked() {
        if (config.roles().contains(Role.SENDER)) {
            sweeper.reportParked();
        }
    }

    /** Looks at the store now: due reservations, overdue reports. */
    void wake() {
        scheduler.loop().wake();
        sweeper.loop().wake();
    }

    /** Whoever sees the engine stopped may rely on no new send beginning once {@link #stopSending()} returned. */
    void stopSending() {
        dispatcher.stop();
        scheduler.loop().stop();
        sweeper.loop().stop();
    }

    /** After {@link #stopSending()}: waits for sends in flight, then relays what is left and lets go. */
    void finish() {
        closeQuietly(storeWatch);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("dispatches still running after {}; interrupting them", config.shutdownTimeout());
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            // whatever happened above, the loops must end and the last events be projected
            relay.loop().stop();
            scheduler.loop().awaitStop(config.shutdownTimeout());
            sweeper.loop().awaitStop(config.shutdownTimeout());
            relay.loop().awaitStop(config.shutdownTimeout());
        }
        channelInvoker.close();
        config.transport().close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("could not stop watching the store", e);
        }
    }
}
