package io.msgsvc.kafka;

import java.util.List;

/** The broker behind a {@link TestKafka}: Kafka's test kit in this JVM, or a container. */
interface KafkaBroker extends AutoCloseable {
    String bootstrapServers();

    List<Integer> brokerIds();

    /** Makes one broker unreachable while its data and port are kept. */
    void stop(int id);

    /** Brings a stopped broker back on the same port and waits until it serves. */
    void restart(int id);

    int port(int id);

    @Override
    void close();
}
