package io.msgsvc.spring.boot;

import io.msgsvc.BillingPolicy;
import io.msgsvc.ContentPolicy;
import io.msgsvc.MsgsvcBuilder;
import io.msgsvc.RetryPolicy;
import io.msgsvc.Role;
import io.msgsvc.SendingLimits;
import io.msgsvc.api.SendingSpeed;
import io.msgsvc.jdbc.JdbcStorage;
import io.msgsvc.memory.InProcessEventTransport;
import io.msgsvc.spi.EventTransport;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.util.ClassUtils;

/** Applies {@link MsgsvcProperties} to the builders: a property that is not set leaves the builder's default. */
final class PropertiesMapper {
    private static final String KAFKA_TRANSPORT = "io.msgsvc.kafka.KafkaEventTransport";

    private PropertiesMapper() {}

    static void applyTo(MsgsvcBuilder builder, MsgsvcProperties p) {
        if (p.roles() != null && !p.roles().isEmpty()) {
            builder.roles(p.roles().toArray(Role[]::new));
        }
        ifSet(p.nodeId(), builder::nodeId);
        ifSet(p.dispatchThreads(), builder::dispatchThreads);
        ifSet(p.dispatchSlice(), builder::dispatchSlice);
        ifSet(p.pollInterval(), builder::pollInterval);
        ifSet(p.lease(), builder::lease);
        ifSet(p.channelTimeout(), builder::channelTimeout);
        ifSet(p.isolateChannelCalls(), builder::isolateChannelCalls);
        ifSet(p.sendWindow(), builder::sendWindow);
        ifSet(p.deliveryBatchSize(), builder::deliveryBatchSize);
        ifSet(p.resultBatchSize(), builder::resultBatchSize);
        ifSet(p.resultFlushInterval(), builder::resultFlushInterval);
        ifSet(p.outboxBatchSize(), builder::outboxBatchSize);
        ifSet(p.inlineProjection(), builder::inlineProjection);
        ifSet(p.projectTogether(), builder::projectTogether);
        ifSet(p.statisticsPeriod(), builder::statisticsPeriod);
        ifSet(p.awaitReportsFor(), builder::awaitReportsFor);
        ifSet(p.parkReportsFor(), builder::parkReportsFor);
        ifSet(p.shutdownTimeout(), builder::shutdownTimeout);
        ContentPolicy content = ContentProperties.policy(p.content());
        if (content != null) {
            builder.contentPolicy(content);
        }
        ifSet(CampaignProperties.recipientPolicy(p.recipients()), builder::recipientPolicy);
        ifSet(CampaignProperties.campaignDefaults(p.campaign()), builder::campaignDefaults);
        builder.billingPolicy(billingPolicy(p.billing()));
        MsgsvcProperties.Retry retry = p.retry();
        if (retry.attempts() != null
                || retry.initialBackoff() != null
                || retry.multiplier() != null
                || retry.maxBackoff() != null) {
            RetryPolicy defaults = RetryPolicy.defaults();
            builder.retryPolicy(RetryPolicy.exponential(
                    retry.attempts() != null ? retry.attempts() : defaults.maxAttempts(),
                    retry.initialBackoff() != null ? retry.initialBackoff() : defaults.initialBackoff(),
                    retry.multiplier() != null ? retry.multiplier() : defaults.multiplier(),
                    retry.maxBackoff() != null ? retry.maxBackoff() : defaults.maxBackoff()));
        }
        SendingLimits limits = sendingLimits(p.sendingLimits());
        if (limits != null) {
            builder.sendingLimits(limits);
        }
    }

    private static BillingPolicy billingPolicy(MsgsvcProperties.Billing p) {
        if (p.charge() == MsgsvcProperties.Charge.ON_DELIVERY) {
            if (p.refundUnknown()) {
                throw new IllegalArgumentException("msgsvc.billing.refund-unknown needs msgsvc.billing.charge="
                        + "on-acceptance: billing on delivery never charges an unknown delivery");
            }
            return BillingPolicy.onDelivery();
        }
        return p.refundUnknown() ? BillingPolicy.onAcceptance().refundingUnknown() : BillingPolicy.onAcceptance();
    }

    /** The limits the properties name, or null when they name none. */
    private static SendingLimits sendingLimits(MsgsvcProperties.SendingLimits p) {
        Map<String, MsgsvcProperties.Speed> customers = p.customers() != null ? p.customers() : Map.of();
        if (p.channel() == null && p.eachCustomer() == null && customers.isEmpty()) {
            if (p.channelName() != null) {
                throw new IllegalArgumentException("msgsvc.sending-limits.channel-name needs a channel speed: "
                        + "msgsvc.sending-limits.channel.messages");
            }
            return null;
        }
        SendingLimits limits = SendingLimits.none();
        if (p.channel() != null) {
            limits = p.channelName() != null
                    ? limits.channel(p.channelName(), speed(p.channel()))
                    : limits.channel(speed(p.channel()));
        }
        if (p.eachCustomer() != null) {
            limits = limits.eachCustomer(speed(p.eachCustomer()));
        }
        for (Map.Entry<String, MsgsvcProperties.Speed> customer : customers.entrySet()) {
            limits = limits.customer(customer.getKey(), speed(customer.getValue()));
        }
        return limits;
    }

    private static SendingSpeed speed(MsgsvcProperties.Speed speed) {
        if (speed.messages() == null) {
            throw new IllegalArgumentException("a msgsvc.sending-limits speed needs its messages");
        }
        return new SendingSpeed(speed.messages(), speed.per());
    }

    static void applyTo(JdbcStorage.Builder builder, MsgsvcProperties.Jdbc p) {
        ifSet(p.migrate(), builder::migrate);
        ifSet(p.cacheTtl(), builder::cacheTtl);
        ifSet(p.cacheSize(), builder::cacheSize);
        ifSet(p.retention(), builder::retention);
        if (p.cleanupInterval() != null) {
            builder.cleanupInterval(p.cleanupInterval().isZero() ? null : p.cleanupInterval());
        }
        ifSet(p.timeSource(), builder::timeSource);
    }

    /** The transport the properties choose; the Kafka one only when msgsvc-kafka is on the class path. */
    static EventTransport eventTransport(MsgsvcProperties p, ClassLoader classLoader) {
        return switch (p.transport()) {
            case IN_PROCESS -> new InProcessEventTransport();
            case KAFKA -> {
                if (!ClassUtils.isPresent(KAFKA_TRANSPORT, classLoader)) {
                    throw new IllegalStateException(
                            "msgsvc.transport=kafka needs io.msgsvc:msgsvc-kafka on the class path");
                }
                yield KafkaTransports.build(p.kafka());
            }
        };
    }

    static <T> void ifSet(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
