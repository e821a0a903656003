package io.msgsvc.examples.web;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Everything under {@code msgsvc.*}; the defaults are in {@code application.properties}, and every value can come
 * from the environment ({@code MSGSVC_DATASOURCE_URL}, {@code MSGSVC_TRANSPORT}, ...).
 *
 * @param apiKeys        customer id to that customer's API key
 * @param printApiKeys   log the keys at startup (handy for the demo customers, not for real ones)
 * @param maxRequestSize largest request body the API accepts
 * @param operatorKey    the key (header {@code X-Operator-Key}) that opens the operations endpoints beyond the
 *                       probes: health details, metrics, Prometheus; none set, they stay closed
 * @param smpp           an SMSC to send through over SMPP instead of the simulated gateway (when its host is set)
 * @param gateways       gateway name to its callback settings: the secret its delivery-report callbacks are signed
 *                       with ({@code POST /api/gateways/<name>/reports})
 */
@ConfigurationProperties("msgsvc")
public record MsgsvcProperties(
        Datasource datasource,
        Transport transport,
        Kafka kafka,
        Map<String, String> apiKeys,
        boolean printApiKeys,
        Engine engine,
        SimulatedChannel channel,
        Smpp smpp,
        DataSize maxRequestSize,
        Dashboard dashboard,
        String operatorKey,
        Map<String, Gateway> gateways) {

    /** A gateway that calls back with delivery reports, signed with {@code secret} (HMAC-SHA256). */
    public record Gateway(String secret) {}

    /** How outbox events reach the projections. */
    public enum Transport {
        /** Within this process: each node projects the events it relays itself. */
        IN_PROCESS,
        /** Through Kafka: the relay publishes, each projection role consumes in its own consumer group. */
        KAFKA
    }

    /** Used when {@code msgsvc.transport=kafka}. */
    public record Kafka(String bootstrapServers, String topic, int partitions, String groupIdPrefix) {}

    public record Datasource(String url, String username, String password) {}

    /**
     * An SMSC reached over SMPP 3.4 ({@code msgsvc.smpp.host} set switches from the simulated gateway to it): the
     * account, the sender address with its type of number and numbering plan, sessions and the unanswered submits
     * each keeps, whether to ask for delivery receipts, and how texts are encoded and long ones sent.
     */
    public record Smpp(
            String host,
            int port,
            String systemId,
            String password,
            String systemType,
            String sourceAddress,
            int sourceTon,
            int sourceNpi,
            int sessions,
            int window,
            boolean registeredDelivery,
            io.msgsvc.smpp.SmppBind bind,
            io.msgsvc.smpp.SmsEncoding encoding,
            io.msgsvc.smpp.LongMessages longMessages) {

        boolean enabled() {
            return host != null && !host.isBlank();
        }
    }

    /** Engine settings; messages longer than {@code maxTextLength} are rejected when their dispatch starts. */
    public record Engine(
            int maxTextLength,
            int dispatchThreads,
            Duration lease,
            int retryAttempts,
            Duration retryInitialBackoff,
            Duration retryMaxBackoff,
            Duration awaitReportsFor) {}

    /** The simulated SMS gateway standing in for a real provider. */
    public record SimulatedChannel(
            Duration minLatency,
            Duration maxLatency,
            double permanentFailureRate,
            double transientFailureRate,
            Reports reports) {}

    /**
     * The simulated gateway's delivery reports: each accepted SMS is reported between {@code minDelay} and
     * {@code maxDelay} later, undelivered or expired at those rates (the rest delivered); some twice, some never.
     */
    public record Reports(
            boolean enabled,
            Duration minDelay,
            Duration maxDelay,
            double undeliveredRate,
            double expiredRate,
            double duplicateRate,
            double lostRate) {}

    /**
     * @param rows           reservations in the page's initial snapshot
     * @param totalsInterval shortest time between two statistics/billing pushes to one customer
     * @param streamTimeout  a stream is closed after this long; the browser reconnects by itself
     * @param heartbeat      a comment sent to idle streams, so dead connections are noticed
     */
    public record Dashboard(int rows, Duration totalsInterval, Duration streamTimeout, Duration heartbeat) {}
}
