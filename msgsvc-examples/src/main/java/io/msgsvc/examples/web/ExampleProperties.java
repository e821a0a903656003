package io.msgsvc.examples.web;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The example's own settings, under {@code example.*}; the engine's are the starter's {@code msgsvc.*} and the
 * database is Spring Boot's {@code spring.datasource.*}. The defaults are in {@code application.properties}, and
 * every value can come from the environment ({@code EXAMPLE_APIKEYS_ACME}, {@code EXAMPLE_SMPP_HOST}, ...).
 *
 * @param apiKeys        customer id to that customer's API key
 * @param printApiKeys   log the keys at startup (handy for the demo customers, not for real ones)
 * @param maxRequestSize largest request body the API accepts
 * @param operatorKey    the key (header {@code X-Operator-Key}) that opens the operations endpoints beyond the
 *                       probes: health details, metrics, Prometheus; none set, they stay closed
 * @param channel        the simulated gateway, used while no SMPP host is set
 * @param smpp           an SMSC to send through over SMPP instead of the simulated gateway (when its host is set)
 * @param gateways       gateway name to its callback settings: the secret its delivery-report callbacks are signed
 *                       with ({@code POST /api/gateways/<name>/reports})
 */
@ConfigurationProperties("example")
public record ExampleProperties(
        Map<String, String> apiKeys,
        boolean printApiKeys,
        SimulatedChannel channel,
        Smpp smpp,
        DataSize maxRequestSize,
        String operatorKey,
        Map<String, Gateway> gateways) {

    /** A gateway that calls back with delivery reports, signed with {@code secret} (HMAC-SHA256). */
    public record Gateway(String secret) {}

    /**
     * An SMSC reached over SMPP 3.4 ({@code example.smpp.host} set switches from the simulated gateway to it): the
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
}
