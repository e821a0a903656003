package io.msgsvc.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static TestKafka kafka;

    @BeforeAll
    static void startKafka() {
        long t0 = System.nanoTime();
        kafka = TestKafka.start();
        System.out.printf(
                "TestKafka started in %d ms at %s%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), kafka.bootstrapServers());
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** Both consumer group protocols: "classic" (the 4.x client default) and KIP-848 "consumer". */
    @ParameterizedTest(name = "group.protocol={0}")
    @ValueSource(strings = {"classic", "consumer"})
    void nothingIsLostWhenTheBrokerIsStoppedAndRestartedMidRun(String groupProtocol) throws Exception {
        String topic = "events-" + UUID.randomUUID();
        kafka.createTopic(topic, 3);
        try (Admin admin = kafka.admin()) {
            assertThat(admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get()
                            .get(topic)
                            .partitions())
                    .hasSize(3);
        }
        int portBefore = kafka.brokerPort(0);
        assertThat(kafka.bootstrapServers()).endsWith(":" + portBefore);

        Set<String> seen = new HashSet<>();
        try (KafkaProducer<String, String> producer = producer(Map.of());
                KafkaConsumer<String, String> consumer = consumer("group-" + UUID.randomUUID(), groupProtocol)) {
            consumer.subscribe(List.of(topic));

            send(producer, topic, 0, 100);
            pollUntil(consumer, seen, 100);

            long t0 = System.nanoTime();
            kafka.stopBroker();
            System.out.printf("broker stopped in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));

            // while the broker is down a produce cannot complete: it fails within the short timeouts
            try (KafkaProducer<String, String> probe = producer(Map.of(
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_000))) {
                assertThatThrownBy(() -> probe.send(new ProducerRecord<>(topic, "probe", "probe"))
                                .get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TimeoutException.class);
            }

            t0 = System.nanoTime();
            kafka.restartBroker();
            System.out.printf("broker restarted in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            assertThat(kafka.brokerPort(0)).as("same port after restart").isEqualTo(portBefore);

            // the same producer and consumer instances carry on after the restart
            send(producer, topic, 100, 200);
            pollUntil(consumer, seen, 200);
        }

        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            expected.add("value-" + i);
        }
        assertThat(seen).doesNotContain("probe").containsExactlyInAnyOrderElementsOf(expected);
    }

    private static void send(KafkaProducer<String, String> producer, String topic, int from, int to) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (int i = from; i < to; i++) {
            acks.add(producer.send(new ProducerRecord<>(topic, "key-" + (i % 10), "value-" + i)));
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Polls (always from the test thread) until {@code count} distinct values have been seen. */
    private static void pollUntil(KafkaConsumer<String, String> consumer, Set<String> seen, int count) {
        await().atMost(WAIT)
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        seen.add(r.value());
                    }
                    return seen.size() >= count;
                });
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
        props.putAll(overrides);
        return new KafkaProducer<>(props);
    }

    private static KafkaConsumer<String, String> consumer(String group, String groupProtocol) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG,
                groupProtocol,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
    }
}
