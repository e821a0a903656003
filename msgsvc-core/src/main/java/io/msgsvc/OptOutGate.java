package io.msgsvc;

import io.msgsvc.api.OptOut;
import io.msgsvc.spi.OptOuts;
import io.msgsvc.spi.Storage;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine's way to the opt-out lists at dispatch: the store (absent when the storage keeps none), the address
 * normaliser, and whether the lists are known to be empty. While they are, the dispatcher looks nothing up: a lookup
 * that finds the lists empty spares the lookups for {@link #RECHECK_NANOS}, unless this engine changes the lists
 * meanwhile. An entry added through another engine on the same store thus stops sends from at most that long later.
 */
final class OptOutGate {
    /** How long a lookup that found every list empty spares the next ones. */
    static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    final AddressNormaliser normaliser;
    private final OptOuts store;
    /** Bumped by every change this engine makes, so a lookup that raced one does not declare the lists empty. */
    private long changes;

    private boolean knownEmpty;
    private long knownEmptySince;

    OptOutGate(EngineConfig config) {
        this.normaliser = new AddressNormaliser(config.recipientPolicy().defaultRegion());
        this.store = optOutsOf(config.storage());
    }

    private static OptOuts optOutsOf(Storage storage) {
        try {
            return storage.optOuts();
        } catch (UnsupportedOperationException none) { // nothing to look up: every delivery goes
            return null;
        }
    }

    /** The store, for the host's calls; refused when the storage keeps no opt-out lists. */
    OptOuts store() {
        if (store == null) {
            throw new UnsupportedOperationException("this engine's storage keeps no opt-out lists");
        }
        return store;
    }

    /** True while no lookup is needed: no store, or the lists were found empty less than a recheck ago. */
    synchronized boolean knownEmpty() {
        return store == null || knownEmpty && System.nanoTime() - knownEmptySince < RECHECK_NANOS;
    }

    /** The entries for {@code addresses} (normalised), or none without a lookup while the lists are known empty. */
    List<OptOut> lookup(String customerId, Collection<String> addresses) {
        long seen;
        synchronized (this) {
            if (knownEmpty()) {
                return List.of();
            }
            seen = changes;
        }
        long askedAt = System.nanoTime();
        OptOuts.Matches matches = store.lookup(customerId, addresses);
        synchronized (this) {
            if (changes == seen) {
                knownEmpty = !matches.anyEntry();
                knownEmptySince = askedAt;
            }
        }
        return matches.entries();
    }

    /** This engine changed the lists: the next batch looks them up. */
    synchronized void changed() {
        changes++;
        knownEmpty = false;
    }
}
