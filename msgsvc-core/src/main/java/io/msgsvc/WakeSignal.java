package io.msgsvc;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Lets a loop sleep until its next deadline or until somebody has news for it, whichever comes first. */
final class WakeSignal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition raisedCondition = lock.newCondition();
    private boolean raised;

    void raise() {
        lock.lock();
        try {
            raised = true;
            raisedCondition.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeout} unless raised meanwhile (or before); clears the signal. */
    void await(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!raised && nanos > 0) {
                nanos = raisedCondition.awaitNanos(nanos);
            }
            raised = false;
        } finally {
            lock.unlock();
        }
    }
}
