package io.msgsvc.spring.boot.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.Msgsvc;
import io.msgsvc.spring.boot.MsgsvcAutoConfiguration;
import io.msgsvc.spring.boot.sample.RecordingChannel;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pages that stop reading, whose writes hang as on a full socket buffer: the other pages keep getting their events
 * and heartbeats, and a hung page is let go after the stalled-write bound.
 */
class DashboardStalledPageTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class,
                    TransactionAutoConfiguration.class,
                    MsgsvcAutoConfiguration.class,
                    MsgsvcDashboardAutoConfiguration.class))
            .withPropertyValues(
                    "msgsvc.jdbc.migrate=true", "msgsvc.dashboard.enabled=true", "msgsvc.dashboard.heartbeat=50ms")
            .withBean(RecordingChannel.class);

    @Test
    void hungPagesHoldUpNoOtherPage() {
        web.run(context -> {
            DashboardBroadcaster broadcaster = context.getBean(DashboardBroadcaster.class);
            CountDownLatch release = new CountDownLatch(1);
            List<HungPage> hung = List.of(new HungPage(release), new HungPage(release), new HungPage(release));
            try {
                hung.forEach(page -> broadcaster.register(page, "acme"));
                for (HungPage page : hung) {
                    assertThat(page.writing.await(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                            .isTrue();
                }

                ReadingPage reading = new ReadingPage();
                broadcaster.register(reading, "acme");
                await().atMost(PATIENCE).until(() -> reading.events.size() >= 3); // ready and heartbeats
            } finally {
                release.countDown();
            }
        });
    }

    @Test
    void aHungPageIsLetGoAndEndedWithAnErrorOnceItsWriteReturns() {
        web.run(context -> {
            DashboardBroadcaster broadcaster = new DashboardBroadcaster(
                    context.getBean(Msgsvc.class),
                    context.getBean(MsgsvcDashboardProperties.class),
                    Duration.ofMillis(200));
            broadcaster.start();
            CountDownLatch release = new CountDownLatch(1);
            try {
                HungPage page = new HungPage(release);
                broadcaster.register(page, "acme");
                assertThat(page.writing.await(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                        .isTrue();
                assertThat(broadcaster.openStreams()).isEqualTo(1);

                await().atMost(PATIENCE).until(() -> broadcaster.openStreams() == 0);
                release.countDown();
                await().atMost(PATIENCE).until(() -> page.endedWithError);
                assertThat(page.sends)
                        .as("nothing written after the stalled write")
                        .hasValue(1);
            } finally {
                release.countDown();
                broadcaster.stop();
            }
        });
    }

    /** A page whose every write hangs until released, as on a socket the browser no longer reads. */
    static final class HungPage extends SseEmitter {
        final CountDownLatch writing = new CountDownLatch(1);
        final AtomicInteger sends = new AtomicInteger();
        private final CountDownLatch release;
        volatile boolean endedWithError;

        HungPage(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void send(SseEventBuilder event) throws IOException {
            sends.incrementAndGet();
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void completeWithError(Throwable ex) {
            endedWithError = true;
            super.completeWithError(ex);
        }
    }

    /** A page that reads every event at once. */
    static final class ReadingPage extends SseEmitter {
        final List<SseEventBuilder> events = new CopyOnWriteArrayList<>();

        @Override
        public void send(SseEventBuilder event) {
            events.add(event);
        }
    }
}
