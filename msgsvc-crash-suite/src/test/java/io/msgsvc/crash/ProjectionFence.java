package io.msgsvc.crash;

import static org.awaitility.Awaitility.await;

import io.msgsvc.Role;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Waits until every projection group has consumed every partition of the events topic to its end, whatever those
 * groups keep their offsets in: an unreadable record is written to each partition, and each group sends it to the
 * dead-letter topic once its consumer reaches it. Counts that are right before that could still be wrong after: a
 * redelivered tail (events applied by a killed projector whose offsets were not stored) may not have come back yet.
 *
 * <p>Two rounds: a consumer may dead-letter a marker before it applies the events polled with it, but it polls the
 * second marker, written once the first came back, only after that batch is done.
 */
final class ProjectionFence implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> deadLetters;
    private final Set<String> seen = new HashSet<>();

    ProjectionFence(String bootstrapServers, String topic) {
        this.topic = topic;
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        deadLetters = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
        String deadLetterTopic = topic + ".dlq";
        List<TopicPartition> partitions = deadLetters.partitionsFor(deadLetterTopic).stream()
                .map(p -> new TopicPartition(deadLetterTopic, p.partition()))
                .toList();
        deadLetters.assign(partitions);
        deadLetters.seekToBeginning(partitions);
    }

    /** Returns once each projection group has passed two markers in every partition. */
    void waitForEveryGroup() {
        round(1);
        round(2);
    }

    private void round(int round) {
        List<String> markers = IntStream.range(0, KafkaNode.PARTITIONS)
                .mapToObj(p -> "fence-" + round + "-" + p)
                .toList();
        for (int p = 0; p < KafkaNode.PARTITIONS; p++) {
            // a payload that is not JSON: what the dead-letter tests show every group sets aside once
            ProducerRecord<String, byte[]> marker =
                    new ProducerRecord<>(topic, p, markers.get(p), "{not json".getBytes(StandardCharsets.UTF_8));
            marker.headers().add("msgsvc-type", "MsgSent".getBytes(StandardCharsets.UTF_8));
            marker.headers().add("msgsvc-version", "1".getBytes(StandardCharsets.UTF_8));
            producer.send(marker);
        }
        producer.flush();
        await("every projection group past fence " + round)
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    for (ConsumerRecord<String, byte[]> r : deadLetters.poll(Duration.ofMillis(100))) {
                        seen.add(r.key() + "@" + header(r, "msgsvc-dead-letter-consumer"));
                    }
                    return Role.PROJECTIONS.stream()
                            .allMatch(role ->
                                    markers.stream().allMatch(m -> seen.contains(m + "@" + role.consumerName())));
                });
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
        deadLetters.close();
    }
}
