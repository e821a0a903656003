package io.msgsvc.examples.web;

import io.msgsvc.ContentPolicy;
import io.msgsvc.Msgsvc;
import io.msgsvc.RetryPolicy;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.examples.SimulatedSmsChannel;
import io.msgsvc.jdbc.JdbcStorage;
import io.msgsvc.kafka.KafkaEventTransport;
import io.msgsvc.memory.InProcessEventTransport;
import io.msgsvc.smpp.SmppChannel;
import io.msgsvc.spi.EventTransport;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the engine from {@link MsgsvcProperties}; Spring closes it, then its storage, on shutdown. */
@Configuration(proxyBeanMethods = false)
class MsgsvcConfiguration {

    /** An SMSC over SMPP when {@code msgsvc.smpp.host} is set, else the simulated gateway. */
    @Bean(destroyMethod = "close")
    MessageChannel smsChannel(MsgsvcProperties properties) {
        MsgsvcProperties.Smpp smpp = properties.smpp();
        if (smpp != null && smpp.enabled()) {
            return SmppChannel.builder(smpp.host(), smpp.port())
                    .account(smpp.systemId(), smpp.password())
                    .systemType(smpp.systemType())
                    .sourceAddress(smpp.sourceAddress(), smpp.sourceTon(), smpp.sourceNpi())
                    .bind(smpp.bind())
                    // within the engine's channel timeout (a third of the lease): a submit the engine gave up on
                    // goes again, so an SMSC's late acceptance would send it twice
                    .window(smpp.sessions(), smpp.window(), Duration.ofSeconds(1))
                    .timeouts(properties.engine().lease().dividedBy(4), Duration.ofSeconds(10))
                    .registeredDelivery(smpp.registeredDelivery())
                    .encoding(smpp.encoding(), smpp.longMessages())
                    .build();
        }
        MsgsvcProperties.SimulatedChannel channel = properties.channel();
        SimulatedSmsChannel.Builder builder = SimulatedSmsChannel.builder()
                .latency((int) channel.minLatency().toMillis(), (int)
                        channel.maxLatency().toMillis())
                .permanentFailureRate(channel.permanentFailureRate())
                .transientFailureRate(channel.transientFailureRate())
                .seed(System.nanoTime());
        MsgsvcProperties.Reports reports = channel.reports();
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

    /** The one place that decides how events travel; another transport is one more case here. */
    @Bean
    EventTransport eventTransport(MsgsvcProperties properties) {
        return switch (properties.transport()) {
            case IN_PROCESS -> new InProcessEventTransport();
            case KAFKA ->
                KafkaEventTransport.builder(properties.kafka().bootstrapServers())
                        .topic(properties.kafka().topic())
                        .partitions(properties.kafka().partitions())
                        .groupIdPrefix(properties.kafka().groupIdPrefix())
                        .build();
        };
    }

    @Bean(destroyMethod = "close")
    JdbcStorage msgsvcStorage(MsgsvcProperties properties) {
        MsgsvcProperties.Datasource db = properties.datasource();
        return JdbcStorage.builder(db.url(), db.username(), db.password())
                .migrate(true)
                .build();
    }

    /** Started here, so the engine runs before the web server takes requests. */
    @Bean(destroyMethod = "close")
    Msgsvc msgsvc(
            MsgsvcProperties properties,
            JdbcStorage storage,
            EventTransport eventTransport,
            MessageChannel smsChannel) {
        MsgsvcProperties.Engine engine = properties.engine();
        Msgsvc msgsvc = Msgsvc.builder()
                .storage(storage)
                .eventTransport(eventTransport)
                .channel(smsChannel)
                .contentPolicy(ContentPolicy.maxLength(engine.maxTextLength()))
                .retryPolicy(RetryPolicy.exponential(
                        engine.retryAttempts(), engine.retryInitialBackoff(), 2.0, engine.retryMaxBackoff()))
                .dispatchThreads(engine.dispatchThreads())
                .lease(engine.lease())
                .channelTimeout(engine.lease().dividedBy(3))
                .awaitReportsFor(engine.awaitReportsFor())
                .build();
        // the SMSC's receipts and the simulated gateway's reports go to the engine directly; a gateway that calls back
        // over HTTP calls the webhook (GatewayReportController), which ends in the same call
        if (smsChannel instanceof SmppChannel smpp) {
            smpp.start(msgsvc::reportDeliveries);
        } else {
            ((SimulatedSmsChannel) smsChannel).reportTo(msgsvc::reportDeliveries);
        }
        return msgsvc.start();
    }
}
