package io.msgsvc.spring.boot;

import io.msgsvc.RecipientPolicy;
import io.msgsvc.Role;
import io.msgsvc.api.OverLength;
import io.msgsvc.jdbc.JdbcStorage;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The engine's settings under {@code msgsvc.*}. A property left unset keeps the default of {@code MsgsvcBuilder}
 * (or of {@code JdbcStorage.Builder}, {@code KafkaEventTransport.Builder}); the defaults named below are theirs.
 * Settings without a property (per-customer code) go through a
 * {@link MsgsvcBuilderCustomizer} bean.
 *
 * @param enabled Whether the auto-configuration builds and starts an engine at all.
 * @param roles The roles this engine plays (SENDER, RELAY, STATUS, BILLING, STATISTICS, DASHBOARD); default all.
 *     With the in-process transport, RELAY and every projection role go together; splitting them needs Kafka.
 * @param nodeId Name of this node in leases and thread names; must differ between live nodes. Default: generated,
 *     unique.
 * @param dispatchThreads Reservations this node sends at the same time; default 8.
 * @param dispatchSlice How long one dispatch sends before other due reservations go first; default 5s.
 * @param pollInterval Longest sleep between looks at the store for due reservations; default 1s.
 * @param lease How long a claim on a reservation lives without renewal before another node may take over;
 *     default 60s. Must be longer than the channel timeout.
 * @param channelTimeout A channel call running longer counts as a transient failure; default 30s.
 * @param isolateChannelCalls Whether each channel call runs on a thread of its own, abandoned at the timeout even
 *     when the channel ignores interrupts; default false (called on the dispatching thread under a watchdog).
 * @param sendWindow Sends of one reservation in flight at once through an asynchronous channel, issued in list
 *     order; default 32. A channel's own window takes precedence.
 * @param deliveryBatchSize Pending deliveries read per round trip; default 500.
 * @param resultBatchSize Most send results written in one transaction, and the widest issue mark; default 500.
 * @param resultFlushInterval Longest a send result waits to be written; default 10ms.
 * @param outboxBatchSize Events relayed per round trip; default 500 (behind a backlog up to 4 000).
 * @param inlineProjection Whether an engine that plays every role with the in-process transport projects each
 *     event in the transaction that writes it; default true.
 * @param projectTogether Whether an engine with several projection roles consumes them from Kafka as one consumer
 *     (group prefix + billing+statistics+status+dashboard), each batch applied to all of them in one transaction;
 *     default false (one consumer group per role).
 * @param statisticsPeriod Length of a statistics bucket: MINUTES, HOURS or DAYS (UTC); default DAYS.
 * @param awaitReportsFor The result timeout: how long a delivery submitted to a channel that reports delivery
 *     awaits its final report before it ends as UNKNOWN; default 72h.
 * @param parkReportsFor How long a delivery report that came before its send result was stored waits for it;
 *     default 10m.
 * @param shutdownTimeout How long stopping waits for dispatches in flight; default 30s.
 * @param content The content policy: how long a message may be.
 * @param recipients Who one reservation may be sent to: how many, repeated recipients, phone numbers' region.
 * @param campaign Campaign rules every reservation is held to: delivery window, Korea's advertising hours, lateness.
 *     Every node on one storage needs the same (they apply when a send goes out).
 * @param billing When a delivery through a channel that reports delivery is billed.
 * @param retry How transient channel failures are retried.
 * @param sendingLimits Sending speeds held across all nodes on the storage.
 * @param jdbc The JDBC storage on the application's DataSource.
 * @param transport How outbox events reach the projections: IN_PROCESS (default) or KAFKA.
 * @param kafka The Kafka transport, used when transport is KAFKA (needs io.msgsvc:msgsvc-kafka).
 * @param metrics The engine's Micrometer meters, made when Micrometer and a MeterRegistry bean are present (needs
 *     io.msgsvc:msgsvc-micrometer).
 */
@ConfigurationProperties("msgsvc")
public record MsgsvcProperties(
        @DefaultValue("true") boolean enabled,
        Set<Role> roles,
        String nodeId,
        Integer dispatchThreads,
        Duration dispatchSlice,
        Duration pollInterval,
        Duration lease,
        Duration channelTimeout,
        Boolean isolateChannelCalls,
        Integer sendWindow,
        Integer deliveryBatchSize,
        Integer resultBatchSize,
        Duration resultFlushInterval,
        Integer outboxBatchSize,
        Boolean inlineProjection,
        Boolean projectTogether,
        ChronoUnit statisticsPeriod,
        Duration awaitReportsFor,
        Duration parkReportsFor,
        Duration shutdownTimeout,
        @DefaultValue Content content,
        @DefaultValue Recipients recipients,
        @DefaultValue Campaign campaign,
        @DefaultValue Billing billing,
        @DefaultValue Retry retry,
        @DefaultValue SendingLimits sendingLimits,
        @DefaultValue Jdbc jdbc,
        @DefaultValue("in-process") Transport transport,
        @DefaultValue Kafka kafka,
        @DefaultValue Metrics metrics) {

    /**
     * The content policy.
     *
     * @param maxLength Longest message, in the channel's own units (SMS segments, characters...); default
     *     unlimited. A longer message's reservation is rejected when its dispatch starts: nothing sent or billed.
     * @param failFast Refuse a message over max-length (or that the sizer refuses) at registration instead, with an
     *     InvalidRequestException; default false.
     * @param sizer Measure messages in a carrier's units instead of max-length: korean-carriers (EUC-KR bytes, SMS 90,
     *     LMS 2000, subject 40) or gsm (GSM-7 / UCS-2 segments); default none.
     * @param overLength With a sizer, what a message over one SMS does: reject (the reservation is rejected), upgrade
     *     (sent as an LMS) or split (sent as SMS segments, each billed); default reject.
     * @param perDelivery With a sizer, only the deliveries whose text does not fit fail, instead of the whole
     *     reservation being rejected; default false.
     */
    public record Content(
            Integer maxLength,
            @DefaultValue("false") boolean failFast,
            Sizer sizer,
            @DefaultValue("reject") OverLength overLength,
            @DefaultValue("false") boolean perDelivery) {}

    /**
     * Who one reservation may be sent to; an unset field keeps RecipientPolicy.defaults()'s value.
     *
     * @param max Most recipients in one reservation; default 100000.
     * @param duplicates A recipient listed twice: REJECT the request (default), DROP the later listings, or ALLOW (sent
     *     to each listing).
     * @param defaultRegion Region (ISO 3166, e.g. KR) of phone numbers written without a country code, when opt-out
     *     lists are matched; default none.
     */
    public record Recipients(Integer max, RecipientPolicy.Duplicates duplicates, String defaultRegion) {}

    /**
     * Campaign rules for every reservation, beside each request's own.
     *
     * @param koreanAdvertisingRule Advertising reservations whose request does not state the recipients' night consent
     *     go only 08:00-21:00 Asia/Seoul; default false.
     * @param maxLateness Recipients of a reservation that sets no expiry of its own are given up this long after its
     *     send time; default none.
     * @param deliveryWindow Days and hours every reservation's sends must fall in; default none.
     */
    public record Campaign(
            @DefaultValue("false") boolean koreanAdvertisingRule,
            Duration maxLateness,
            @DefaultValue Window deliveryWindow) {}

    /**
     * A delivery window.
     *
     * @param days Days of the week it opens (MONDAY...); default every day.
     * @param from Local time it opens each day, as HH:mm; required with to and zone.
     * @param to Local time it closes, as HH:mm; not after from, it closes the next day (spanning midnight).
     * @param zone Time zone of from and to, an IANA id such as Asia/Seoul.
     */
    public record Window(Set<DayOfWeek> days, String from, String to, String zone) {}

    /** The built-in message sizers. */
    public enum Sizer {
        /** {@code MessageSizer.koreanCarriers()}. */
        KOREAN_CARRIERS,
        /** {@code MessageSizer.gsm()}. */
        GSM
    }

    /**
     * When a delivery through a channel that reports delivery is billed (a channel without reports bills on
     * acceptance either way).
     *
     * @param charge ON_ACCEPTANCE (default: charged when the provider accepts it, refunded when reported undelivered
     *     or expired) or ON_DELIVERY (charged only when reported delivered).
     * @param refundUnknown With ON_ACCEPTANCE, refund a delivery whose report did not come in time too; default false.
     */
    public record Billing(
            @DefaultValue("on-acceptance") Charge charge,
            @DefaultValue("false") boolean refundUnknown) {}

    /** When a delivery is charged. */
    public enum Charge {
        /** {@code BillingPolicy.onAcceptance()}. */
        ON_ACCEPTANCE,
        /** {@code BillingPolicy.onDelivery()}. */
        ON_DELIVERY
    }

    /**
     * Exponential backoff for transient channel failures; an unset field keeps RetryPolicy.defaults()'s value.
     *
     * @param attempts Channel calls per recipient before it fails for good; default 5. 1 turns retries off.
     * @param initialBackoff Wait after the first failed attempt; default 1s.
     * @param multiplier How much each further wait grows; default 2.0.
     * @param maxBackoff Longest wait between two attempts; default 5m.
     */
    public record Retry(Integer attempts, Duration initialBackoff, Double multiplier, Duration maxBackoff) {}

    /**
     * Sending speeds for the channel and per customer, held across all the nodes that share the storage; default
     * none but each reservation's own.
     *
     * @param channelName Name of the channel whose speed is held: engines with different channels on one storage
     *     name them apart; default "channel".
     * @param channel Most sends through the channel, all reservations together.
     * @param eachCustomer Most sends for each customer without a speed of its own.
     * @param customers Customer id to that customer's speed, instead of each-customer.
     */
    public record SendingLimits(String channelName, Speed channel, Speed eachCustomer, Map<String, Speed> customers) {}

    /**
     * At most {@code messages} sends per {@code per}.
     *
     * @param messages Sends allowed in one period, 1 to 1000000; required.
     * @param per The period: SECONDS (default), MINUTES or HOURS.
     */
    public record Speed(
            Integer messages, @DefaultValue("seconds") ChronoUnit per) {}

    /**
     * The JDBC storage, built on the application's DataSource bean (it shares the application's pool).
     *
     * @param migrate Apply msgsvc's Flyway scripts (history table msgsvc_schema_history) at startup; default false,
     *     for applications that run the scripts with their own migrations.
     * @param cacheTtl How long a cached reservation or dashboard row still in progress may be served; bounds how
     *     stale a row another node changed can be; default 500ms.
     * @param cacheSize Most reservations and dashboard rows cached, each; default 10000; 0 disables the cache.
     * @param retention How long published outbox rows and applied-event records are kept; default 7d. Keep it
     *     longer than any redelivery can lag.
     * @param cleanupInterval How often the retention cleanup runs; default 1h; 0 turns it off.
     * @param timeSource Whose clock decides due times and leases: DATABASE (default, one clock for every node) or
     *     ENGINE (the application's Clock bean, for tests on a manual clock).
     */
    public record Jdbc(
            Boolean migrate,
            Duration cacheTtl,
            Long cacheSize,
            Duration retention,
            Duration cleanupInterval,
            JdbcStorage.TimeSource timeSource) {}

    /**
     * The engine's meters (msgsvc.sends, msgsvc.dispatch.backlog...; the README lists them).
     *
     * @param enabled Whether the engine's meters are registered when a MeterRegistry bean exists; default true.
     * @param healthCacheFor How long one health snapshot serves the storage gauges (backlog, oldest due age, leases,
     *     outbox), so a scrape never hammers the database; default 5s.
     */
    public record Metrics(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5s") Duration healthCacheFor) {}

    /** How outbox events reach the projections. */
    public enum Transport {
        /** Within this process: the engine projects the events it relays itself. */
        IN_PROCESS,
        /** Through Kafka: the relay publishes, each projection role consumes in a consumer group of its own. */
        KAFKA
    }

    /**
     * The Kafka event transport (msgsvc.transport=kafka).
     *
     * @param bootstrapServers The brokers, host:port[,host:port...]; required with the Kafka transport.
     * @param topic The events topic; default msgsvc.events (unreadable records go to the same name + .dlq).
     * @param partitions Partitions of the topics the transport creates when they are missing; default 6.
     * @param groupIdPrefix Consumer groups are this prefix + the role (msgsvc-billing...); default msgsvc-.
     * @param properties Kafka client settings passed to the producer, the consumers and the admin client
     *     (security.protocol, sasl.jaas.config...).
     * @param deadLetterTopic Where unreadable records go; default the events topic + .dlq.
     * @param replicationFactor Replication of the topics the transport creates; default the broker's.
     * @param createTopics Whether the transport creates missing topics; default true. Off where topics are managed
     *     elsewhere.
     * @param groupIds Consumer group of a role (status, billing, statistics, dashboard) instead of the prefix + role;
     *     for roles projected together, their names joined with + in projection order, in brackets:
     *     group-ids[billing+statistics+status+dashboard].
     * @param producerProperties Settings for the producer only.
     * @param consumerProperties Settings for the consumers only.
     * @param publishTimeout How long one relay batch may wait for the broker before the relay retries; default 30s.
     */
    public record Kafka(
            String bootstrapServers,
            String topic,
            Integer partitions,
            String groupIdPrefix,
            Map<String, String> properties,
            String deadLetterTopic,
            Short replicationFactor,
            Boolean createTopics,
            Map<String, String> groupIds,
            Map<String, String> producerProperties,
            Map<String, String> consumerProperties,
            Duration publishTimeout) {}
}
