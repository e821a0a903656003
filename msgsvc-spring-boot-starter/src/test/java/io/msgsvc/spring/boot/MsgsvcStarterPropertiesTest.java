package io.msgsvc.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msgsvc.CampaignDefaults;
import io.msgsvc.ContentPolicy;
import io.msgsvc.Msgsvc;
import io.msgsvc.MsgsvcBuilder;
import io.msgsvc.RecipientPolicy;
import io.msgsvc.api.DeliveryWindow;
import io.msgsvc.api.MessageSizer;
import io.msgsvc.api.OverLength;
import io.msgsvc.kafka.KafkaEventTransport;
import io.msgsvc.spi.EventTransport;
import java.io.InputStream;
import java.net.URL;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The properties as bound from their names, what they make of the builders, and their generated metadata. */
class MsgsvcStarterPropertiesTest {

    @Test
    void kafkaPropertiesReachTheTransport() {
        MsgsvcProperties properties = bind(Map.ofEntries(
                Map.entry("msgsvc.transport", "kafka"),
                Map.entry("msgsvc.kafka.bootstrap-servers", "127.0.0.1:9"),
                Map.entry("msgsvc.kafka.topic", "shop.events"),
                Map.entry("msgsvc.kafka.partitions", "3"),
                Map.entry("msgsvc.kafka.group-id-prefix", "shop-"),
                Map.entry("msgsvc.kafka.properties.security.protocol", "SASL_SSL"),
                Map.entry("msgsvc.kafka.dead-letter-topic", "shop.unreadable"),
                Map.entry("msgsvc.kafka.replication-factor", "3"),
                Map.entry("msgsvc.kafka.create-topics", "false"),
                Map.entry("msgsvc.kafka.group-ids.billing", "shop-ledger"),
                Map.entry("msgsvc.kafka.group-ids[billing+statistics+status+dashboard]", "shop-projections"),
                Map.entry("msgsvc.kafka.producer-properties.linger.ms", "20"),
                Map.entry("msgsvc.kafka.consumer-properties.max.poll.records", "700"),
                Map.entry("msgsvc.kafka.publish-timeout", "10s")));

        EventTransport transport =
                PropertiesMapper.eventTransport(properties, getClass().getClassLoader());
        try {
            assertThat(transport).isInstanceOf(KafkaEventTransport.class);
            KafkaEventTransport kafka = (KafkaEventTransport) transport;
            assertThat(kafka.topic()).isEqualTo("shop.events");
            assertThat(kafka.groupId("billing")).isEqualTo("shop-ledger");
            assertThat(kafka.groupId("billing+statistics+status+dashboard")).isEqualTo("shop-projections");
            assertThat(kafka.groupId("status")).isEqualTo("shop-status");
            assertThat(kafka)
                    .extracting("settings")
                    .extracting(
                            "partitions",
                            "clientProperties",
                            "deadLetterTopic",
                            "replicationFactor",
                            "createTopics",
                            "producerProperties",
                            "consumerProperties",
                            "publishTimeout")
                    .containsExactly(
                            3,
                            Map.of("security.protocol", "SASL_SSL"),
                            "shop.unreadable",
                            Optional.of((short) 3),
                            false,
                            Map.of("linger.ms", "20"),
                            Map.of("max.poll.records", "700"),
                            Duration.ofSeconds(10));
        } finally {
            transport.close();
        }
    }

    @Test
    void billingPropertiesChooseThePolicy() {
        MsgsvcBuilder onDelivery = Msgsvc.builder();
        PropertiesMapper.applyTo(onDelivery, bind(Map.of("msgsvc.billing.charge", "on-delivery")));
        assertThat(onDelivery)
                .extracting("billingPolicy")
                .extracting("chargeOnAcceptance", "refundUnknown")
                .containsExactly(false, false);
        MsgsvcBuilder refunding = Msgsvc.builder();
        PropertiesMapper.applyTo(refunding, bind(Map.of("msgsvc.billing.refund-unknown", "true")));
        assertThat(refunding)
                .extracting("billingPolicy")
                .extracting("chargeOnAcceptance", "refundUnknown")
                .containsExactly(true, true);
        MsgsvcBuilder untouched = Msgsvc.builder();
        PropertiesMapper.applyTo(untouched, bind(Map.of()));
        assertThat(untouched)
                .extracting("billingPolicy")
                .extracting("chargeOnAcceptance", "refundUnknown")
                .containsExactly(true, false);
        assertThatThrownBy(() -> applyToBuilder(
                        Map.of("msgsvc.billing.charge", "on-delivery", "msgsvc.billing.refund-unknown", "true")))
                .hasMessageContaining("msgsvc.billing.refund-unknown needs msgsvc.billing.charge=on-acceptance");
    }

    @Test
    void incompleteSettingsNameTheMissingProperty() {
        assertThatThrownBy(() -> applyToBuilder(Map.of("msgsvc.content.fail-fast", "true")))
                .hasMessageContaining("msgsvc.content.max-length");
        assertThatThrownBy(() -> applyToBuilder(Map.of("msgsvc.sending-limits.channel.per", "minutes")))
                .hasMessageContaining("msgsvc.sending-limits speed needs its messages");
        assertThatThrownBy(() -> applyToBuilder(Map.of("msgsvc.sending-limits.channel-name", "sms")))
                .hasMessageContaining("msgsvc.sending-limits.channel.messages");
        assertThatThrownBy(() -> PropertiesMapper.eventTransport(
                        bind(Map.of("msgsvc.transport", "kafka")), getClass().getClassLoader()))
                .hasMessageContaining("msgsvc.kafka.bootstrap-servers");
        assertThatThrownBy(() -> kafkaTransportWith("msgsvc.kafka.group-ids.billng", "shop-ledger"))
                .hasMessageContaining("msgsvc.kafka.group-ids.billng names no consumer");
        assertThatThrownBy(() -> kafkaTransportWith("msgsvc.kafka.group-ids[status+billing]", "shop-ledger"))
                .as("roles projected together are named in their projection order")
                .hasMessageContaining("msgsvc.kafka.group-ids[status+billing] names no consumer");
        assertThatThrownBy(() -> kafkaTransportWith("msgsvc.kafka.producer-properties.acks", "1"))
                .as("what keeps one reservation's events in order on the topic is msgsvc's")
                .hasMessageContaining("msgsvc.kafka.producer-properties.acks: producer setting 'acks' is fixed");
    }

    @Test
    void contentPropertiesChooseASizerAndItsOverLengthPolicy() {
        MsgsvcBuilder builder = Msgsvc.builder();
        PropertiesMapper.applyTo(
                builder,
                bind(Map.of(
                        "msgsvc.content.sizer", "korean-carriers",
                        "msgsvc.content.over-length", "upgrade",
                        "msgsvc.content.per-delivery", "true")));
        assertThat(builder)
                .extracting("contentPolicy")
                .isEqualTo(ContentPolicy.sized(MessageSizer.koreanCarriers())
                        .overLength(OverLength.UPGRADE)
                        .perDelivery());
        assertThatThrownBy(() -> applyToBuilder(Map.of("msgsvc.content.over-length", "split")))
                .hasMessageContaining("need msgsvc.content.sizer");
        assertThatThrownBy(
                        () -> applyToBuilder(Map.of("msgsvc.content.sizer", "gsm", "msgsvc.content.max-length", "9")))
                .hasMessageContaining("exclude each other");
    }

    @Test
    void recipientAndCampaignPropertiesMakeThePolicyAndTheDefaults() {
        MsgsvcBuilder builder = Msgsvc.builder();
        PropertiesMapper.applyTo(
                builder,
                bind(Map.of(
                        "msgsvc.recipients.max", "500",
                        "msgsvc.recipients.duplicates", "drop",
                        "msgsvc.recipients.default-region", "KR",
                        "msgsvc.campaign.korean-advertising-rule", "true",
                        "msgsvc.campaign.max-lateness", "6h",
                        "msgsvc.campaign.delivery-window.days", "monday,friday",
                        "msgsvc.campaign.delivery-window.from", "22:00",
                        "msgsvc.campaign.delivery-window.to", "06:00",
                        "msgsvc.campaign.delivery-window.zone", "America/New_York")));
        assertThat(builder)
                .extracting("recipientPolicy")
                .isEqualTo(new RecipientPolicy(500, RecipientPolicy.Duplicates.DROP, "KR"));
        assertThat(builder)
                .extracting("campaignDefaults")
                .hasToString(CampaignDefaults.none()
                        .deliveryWindow(new DeliveryWindow(
                                EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                                LocalTime.of(22, 0),
                                LocalTime.of(6, 0),
                                ZoneId.of("America/New_York")))
                        .koreanAdvertisingRule()
                        .maxLateness(Duration.ofHours(6))
                        .toString());
        MsgsvcBuilder untouched = Msgsvc.builder();
        PropertiesMapper.applyTo(untouched, bind(Map.of()));
        assertThat(untouched).extracting("recipientPolicy").isEqualTo(RecipientPolicy.defaults());
        assertThat(untouched).extracting("campaignDefaults").isSameAs(CampaignDefaults.none());

        assertThatThrownBy(() -> applyToBuilder(Map.of("msgsvc.recipients.default-region", "XX")))
                .hasMessageContaining("msgsvc.recipients.default-region");
        assertThatThrownBy(() -> applyToBuilder(Map.of("msgsvc.recipients.max", "0")))
                .hasMessageContaining("msgsvc.recipients.max");
        assertThatThrownBy(() -> applyToBuilder(Map.of("msgsvc.campaign.delivery-window.from", "09:00")))
                .hasMessageContaining("msgsvc.campaign.delivery-window needs from, to and zone");
        assertThatThrownBy(() -> applyToBuilder(Map.of(
                        "msgsvc.campaign.delivery-window.from", "9am",
                        "msgsvc.campaign.delivery-window.to", "17:00",
                        "msgsvc.campaign.delivery-window.zone", "UTC")))
                .hasMessageContaining("msgsvc.campaign.delivery-window.from");
        assertThatThrownBy(() -> applyToBuilder(Map.of(
                        "msgsvc.campaign.delivery-window.from", "09:00",
                        "msgsvc.campaign.delivery-window.to", "17:00",
                        "msgsvc.campaign.delivery-window.zone", "Mars/Base")))
                .hasMessageContaining("msgsvc.campaign.delivery-window.zone");
        assertThatThrownBy(() -> applyToBuilder(Map.of("msgsvc.campaign.max-lateness", "0s")))
                .hasMessageContaining("msgsvc.campaign.max-lateness");
    }

    @Test
    void everyPropertyIsDescribedInTheGeneratedMetadata() throws Exception {
        JsonNode metadata = msgsvcMetadata();
        List<String> names = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asText();
            names.add(name);
            assertThat(property.path("description").asText())
                    .as("description of %s", name)
                    .isNotBlank();
        }
        assertThat(names)
                .contains(
                        "msgsvc.enabled",
                        "msgsvc.roles",
                        "msgsvc.node-id",
                        "msgsvc.dispatch-threads",
                        "msgsvc.poll-interval",
                        "msgsvc.lease",
                        "msgsvc.channel-timeout",
                        "msgsvc.send-window",
                        "msgsvc.result-batch-size",
                        "msgsvc.result-flush-interval",
                        "msgsvc.retry.attempts",
                        "msgsvc.retry.initial-backoff",
                        "msgsvc.retry.multiplier",
                        "msgsvc.retry.max-backoff",
                        "msgsvc.content.max-length",
                        "msgsvc.content.sizer",
                        "msgsvc.content.over-length",
                        "msgsvc.content.per-delivery",
                        "msgsvc.billing.charge",
                        "msgsvc.billing.refund-unknown",
                        "msgsvc.kafka.dead-letter-topic",
                        "msgsvc.kafka.replication-factor",
                        "msgsvc.kafka.create-topics",
                        "msgsvc.kafka.group-ids",
                        "msgsvc.kafka.producer-properties",
                        "msgsvc.kafka.consumer-properties",
                        "msgsvc.kafka.publish-timeout",
                        "msgsvc.recipients.max",
                        "msgsvc.recipients.duplicates",
                        "msgsvc.recipients.default-region",
                        "msgsvc.campaign.korean-advertising-rule",
                        "msgsvc.campaign.max-lateness",
                        "msgsvc.campaign.delivery-window.days",
                        "msgsvc.campaign.delivery-window.from",
                        "msgsvc.campaign.delivery-window.to",
                        "msgsvc.campaign.delivery-window.zone",
                        "msgsvc.await-reports-for",
                        "msgsvc.shutdown-timeout",
                        "msgsvc.sending-limits.channel.messages",
                        "msgsvc.jdbc.migrate",
                        "msgsvc.jdbc.cache-ttl",
                        "msgsvc.jdbc.cache-size",
                        "msgsvc.jdbc.retention",
                        "msgsvc.jdbc.cleanup-interval",
                        "msgsvc.transport",
                        "msgsvc.kafka.bootstrap-servers",
                        "msgsvc.kafka.topic",
                        "msgsvc.kafka.partitions",
                        "msgsvc.kafka.group-id-prefix",
                        "msgsvc.dashboard.enabled",
                        "msgsvc.dashboard.base-path",
                        "msgsvc.dashboard.operator-authority",
                        "msgsvc.dashboard.currency",
                        "msgsvc.metrics.enabled",
                        "msgsvc.metrics.health-cache-for",
                        "msgsvc.tracing.enabled");
    }

    private static void applyToBuilder(Map<String, String> values) {
        PropertiesMapper.applyTo(Msgsvc.builder(), bind(values));
    }

    /** The Kafka transport the properties make, with one more property than a broker address. */
    private EventTransport kafkaTransportWith(String name, String value) {
        return PropertiesMapper.eventTransport(
                bind(Map.of("msgsvc.transport", "kafka", "msgsvc.kafka.bootstrap-servers", "127.0.0.1:9", name, value)),
                getClass().getClassLoader());
    }

    private static MsgsvcProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("msgsvc", MsgsvcProperties.class);
    }

    /** This module's metadata file, among those of every jar on the class path. */
    private static JsonNode msgsvcMetadata() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (URL url : Collections.list(MsgsvcStarterPropertiesTest.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                JsonNode metadata = json.readTree(in);
                for (JsonNode group : metadata.path("groups")) {
                    if (group.path("name").asText().equals("msgsvc")) {
                        return metadata;
                    }
                }
            }
        }
        throw new AssertionError("no META-INF/spring-configuration-metadata.json with the msgsvc group");
    }
}
