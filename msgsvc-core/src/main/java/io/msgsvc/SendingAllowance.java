package io.msgsvc;

import io.msgsvc.api.SendingSpeed;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.SendingPermits;
import io.msgsvc.spi.SendingPermits.Grant;
import io.msgsvc.spi.Storage;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sends one dispatch may make under the speeds that apply to it (its own, its customer's, the channel's). It
 * takes permits from the shared buckets a handful at a time, at most the send window and half a burst of the
 * strictest speed, so a bucket is asked once per handful rather than once per send, and, when one is empty, not
 * again before it said a handful would be there; what it took and did not use goes back when the dispatch ends.
 * With no speed at all it asks nothing (and needs no buckets from the storage).
 */
final class SendingAllowance {
    private static final Logger log = LoggerFactory.getLogger(SendingAllowance.class);

    private record Limit(String key, SendingSpeed speed) {}

    private final SendingPermits permits;
    /** The most specific first: a reservation's own bucket is the one a short handful is most often taken from. */
    private final List<Limit> limits;

    private final int handful;
    private int left;
    /** When the bucket that had none said a handful would be there (System.nanoTime). */
    private long askAgainAt;

    SendingAllowance(Storage storage, SendingLimits configured, ClaimedReservation r, int sendWindow) {
        List<Limit> applying = new ArrayList<>(3);
        String channel = configured.channelName();
        if (r.sendingSpeed() != null) {
            applying.add(new Limit(key("reservation", r.id().toString(), r.sendingSpeed()), r.sendingSpeed()));
        }
        configured
                .forCustomer(r.customerId())
                .ifPresent(s -> applying.add(new Limit(key("customer", channel + "|" + r.customerId(), s), s)));
        configured.forChannel().ifPresent(s -> applying.add(new Limit(channelKey(channel, s), s)));
        this.limits = List.copyOf(applying);
        this.permits = limits.isEmpty() ? null : storage.sendingPermits();
        // at most half a burst, so a bucket holds two handfuls: one asked late still finds the other refilling
        this.handful = limits.stream()
                .mapToInt(l -> Math.max(1, l.speed().burst() / 2))
                .reduce(sendWindow, Math::min);
    }

    static String channelKey(String channelName, SendingSpeed speed) {
        return key("channel", channelName, speed);
    }

    /** What the bucket limits (its length first, so no name can pass for another) and at which speed. */
    private static String key(String kind, String name, SendingSpeed speed) {
        return kind + "|" + name.length() + "|" + name + "|" + speed;
    }

    boolean limited() {
        return !limits.isEmpty();
    }

    /** 0 if one send may go now (its permit is taken), else the nanoseconds until one may. */
    long take() {
        if (limits.isEmpty()) {
            return 0;
        }
        if (left == 0) {
            long notYet = askAgainAt - System.nanoTime();
            if (notYet > 0) {
                return notYet;
            }
            long wait = refill();
            if (wait > 0) {
                askAgainAt = System.nanoTime() + wait;
                return wait;
            }
        }
        left--;
        return 0;
    }

    /** The permit {@link #take} gave was not used after all. */
    void unused() {
        if (!limits.isEmpty()) {
            left++;
        }
    }

    /** Takes a handful from every bucket; when one has too few, the others get theirs back. */
    private long refill() {
        int i = 0;
        try {
            for (; i < limits.size(); i++) {
                Limit limit = limits.get(i);
                Grant grant = permits.take(limit.key(), limit.speed(), handful);
                if (grant.taken() == 0) {
                    giveBack(i, handful);
                    return grant.waitFor().toNanos();
                }
            }
        } catch (RuntimeException e) {
            giveBack(i, handful); // what the buckets before the failing one gave
            throw e;
        }
        left = handful;
        return 0;
    }

    /** The dispatch ends: the permits it took and did not use go back for others. */
    void giveBackUnused() {
        if (left > 0) {
            try {
                giveBack(limits.size(), left);
            } catch (RuntimeException e) { // they come back with time anyway
                log.warn("could not give back {} unused sending permits", left, e);
            }
            left = 0;
        }
    }

    private void giveBack(int firstLimits, int count) {
        for (int i = 0; i < firstLimits; i++) {
            permits.giveBack(limits.get(i).key(), limits.get(i).speed(), count);
        }
    }
}
