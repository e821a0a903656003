package io.msgsvc.memory;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.msgsvc.api.SendingSpeed;
import io.msgsvc.spi.SendingPermits;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Bucket4j buckets in this JVM, shared by the engines that share the storage. */
final class InMemorySendingPermits implements SendingPermits {
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Override
    public Grant take(String key, SendingSpeed speed, int wanted) {
        ConsumptionProbe probe = bucket(key, speed).tryConsumeAndReturnRemaining(wanted);
        return probe.isConsumed() ? Grant.of(wanted, 0) : Grant.of(0, probe.getNanosToWaitForRefill());
    }

    @Override
    public void giveBack(String key, SendingSpeed speed, int permits) {
        bucket(key, speed).addTokens(permits);
    }

    @Override
    public void holdBack(String key, SendingSpeed speed, Duration pause) {
        Bucket bucket = bucket(key, speed);
        // emptied, and in debt by all but one of what refills over the pause: its next permit comes when it ends
        bucket.consumeIgnoringRateLimits(
                Math.max(0, bucket.getAvailableTokens()) + Math.max(0, speed.sendsIn(pause) - 1));
    }

    private Bucket bucket(String key, SendingSpeed speed) {
        return buckets.computeIfAbsent(
                key, k -> Bucket.builder().addLimit(limit(speed)).build());
    }

    private static Bandwidth limit(SendingSpeed speed) {
        return Bandwidth.builder()
                .capacity(speed.burst())
                .refillGreedy(speed.burst(), speed.burstRefill())
                .build();
    }
}
