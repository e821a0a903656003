package io.msgsvc.examples.web;

import io.msgsvc.Msgsvc;
import io.msgsvc.MsgsvcBuilder;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.examples.SimulatedSmsChannel;
import io.msgsvc.smpp.SmppChannel;
import io.msgsvc.spring.boot.MsgsvcLifecycle;
import io.msgsvc.spring.boot.MsgsvcProperties;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one thing the starter needs from the application: the channel it sends through. The starter builds the engine
 * on Spring Boot's DataSource from the {@code msgsvc.*} properties, starts it and stops it; this class only picks the
 * channel and points the channel's delivery reports at the engine.
 */
@Configuration(proxyBeanMethods = false)
class ChannelConfiguration {

    /** An SMSC over SMPP when {@code example.smpp.host} is set, else the simulated gateway. */
    @Bean(destroyMethod = "close")
    MessageChannel smsChannel(ExampleProperties properties, MsgsvcProperties engine) {
        ExampleProperties.Smpp smpp = properties.smpp();
        if (smpp != null && smpp.enabled()) {
            Duration channelTimeout =
                    engine.channelTimeout() != null ? engine.channelTimeout() : MsgsvcBuilder.DEFAULT_CHANNEL_TIMEOUT;
            return SmppChannel.builder(smpp.host(), smpp.port())
                    .account(smpp.systemId(), smpp.password())
                    .systemType(smpp.systemType())
                    .sourceAddress(smpp.sourceAddress(), smpp.sourceTon(), smpp.sourceNpi())
                    .bind(smpp.bind())
                    // answered within the engine's channel timeout: a submit the engine gave up on goes again, so an
                    // SMSC's late acceptance would send it twice
                    .window(smpp.sessions(), smpp.window(), Duration.ofSeconds(1))
                    .timeouts(channelTimeout.multipliedBy(3).dividedBy(4), Duration.ofSeconds(10))
                    .registeredDelivery(smpp.registeredDelivery())
                    .encoding(smpp.encoding(), smpp.longMessages())
                    .build();
        }
        ExampleProperties.SimulatedChannel channel = properties.channel();
        SimulatedSmsChannel.Builder builder = SimulatedSmsChannel.builder()
                .latency((int) channel.minLatency().toMillis(), (int)
                        channel.maxLatency().toMillis())
                .permanentFailureRate(channel.permanentFailureRate())
                .transientFailureRate(channel.transientFailureRate())
                .seed(System.nanoTime());
        ExampleProperties.Reports reports = channel.reports();
        if (reports != null && reports.enabled()) {
            builder.reports(
                    reports.minDelay(),
                    reports.maxDelay(),
                    reports.undeliveredRate(),
                    reports.expiredRate(),
                    reports.duplicateRate(),
                    reports.lostRate());
        }
        return builder.build();
    }

    @Bean
    ChannelReports channelReports(MessageChannel smsChannel, Msgsvc msgsvc) {
        return new ChannelReports(smsChannel, msgsvc);
    }

    /**
     * Hands the channel's delivery reports to the engine just before the starter starts it: the SMSC's receipts (the
     * SMPP sessions bind here) and the simulated gateway's reports. A gateway that calls back over HTTP calls the
     * webhook ({@link GatewayReportController}) instead, which ends in the same call. The channel itself closes
     * after the engine stopped, when its bean is destroyed.
     */
    static final class ChannelReports implements SmartLifecycle {
        private final MessageChannel channel;
        private final Msgsvc msgsvc;
        private volatile boolean running;

        ChannelReports(MessageChannel channel, Msgsvc msgsvc) {
            this.channel = channel;
            this.msgsvc = msgsvc;
        }

        @Override
        public void start() {
            if (channel instanceof SmppChannel smpp) {
                smpp.start(msgsvc::reportDeliveries);
            } else if (channel instanceof SimulatedSmsChannel simulated) {
                simulated.reportTo(msgsvc::reportDeliveries);
            }
            running = true;
        }

        @Override
        public void stop() {
            running = false; // the sessions stay bound until the engine has stopped: receipts keep being stored
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        /** The SMPP sessions bind once, as the engine starts once. */
        @Override
        public boolean isPauseable() {
            return false;
        }

        /** Lower phases start first: before the engine's first send, so no receipt finds nobody to take it. */
        @Override
        public int getPhase() {
            return MsgsvcLifecycle.PHASE - 1;
        }
    }
}
