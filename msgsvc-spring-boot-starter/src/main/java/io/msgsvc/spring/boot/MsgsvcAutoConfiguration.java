package io.msgsvc.spring.boot;

import io.msgsvc.Msgsvc;
import io.msgsvc.MsgsvcBuilder;
import io.msgsvc.Role;
import io.msgsvc.api.DashboardListener;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.Pricing;
import io.msgsvc.api.ReservationEventListener;
import io.msgsvc.jdbc.JdbcStorage;
import io.msgsvc.spi.EventTransport;
import io.msgsvc.spi.Storage;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.io.ResourceLoader;

/**
 * The msgsvc engine on the application's {@link DataSource}: a {@link JdbcStorage} on that DataSource, the event
 * transport, the {@link Msgsvc} engine built from {@link MsgsvcProperties} and the application's beans, the
 * {@link MsgsvcLifecycle} that starts and stops it, and {@link MsgsvcTransactions} for work inside the application's
 * transactions. Each bean gives way to one of the same type that the application defines.
 *
 * <p>Backs off when {@code msgsvc.enabled=false}, without exactly one DataSource (or a primary one), and without a
 * {@link MessageChannel} bean unless {@code msgsvc.roles} leaves out SENDER. Fails the start, naming them, when the
 * application has several {@link MessageChannel} (an engine that sends), {@link Pricing} or {@link Clock} beans and
 * none of them primary.
 */
@AutoConfiguration(
        after = {
            DataSourceAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class,
            TransactionAutoConfiguration.class
        })
@ConditionalOnBooleanProperty(name = "msgsvc.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(DataSource.class)
@Conditional(OnMessageChannelCondition.class)
@EnableConfigurationProperties(MsgsvcProperties.class)
public class MsgsvcAutoConfiguration {

    /**
     * On the application's pool: the storage neither makes a pool of its own nor closes this one.
     *
     * @param dataSource the application's DataSource
     * @param properties the {@code msgsvc.jdbc.*} settings
     * @return the storage
     */
    @Bean
    @ConditionalOnMissingBean(Storage.class)
    public JdbcStorage msgsvcStorage(DataSource dataSource, MsgsvcProperties properties) {
        JdbcStorage.Builder builder = JdbcStorage.builder(dataSource);
        PropertiesMapper.applyTo(builder, properties.jdbc());
        return builder.build();
    }

    /**
     * Owned by the engine, which starts and closes it: no destroy method here.
     *
     * @param properties     {@code msgsvc.transport} and its settings
     * @param resourceLoader whose class loader tells whether msgsvc-kafka is on the class path
     * @return the in-process or Kafka transport
     */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean(EventTransport.class)
    public EventTransport msgsvcEventTransport(MsgsvcProperties properties, ResourceLoader resourceLoader) {
        return PropertiesMapper.eventTransport(properties, resourceLoader.getClassLoader());
    }

    /**
     * Built, not started: {@link MsgsvcLifecycle} starts it. Closing it again on destruction does nothing.
     *
     * @param properties         the {@code msgsvc.*} settings
     * @param storage            where the engine stores everything
     * @param eventTransport     how events reach the projections
     * @param channel            where messages go; the primary one when there are several
     * @param pricing            the price of a delivery, if the application has one
     * @param clock              the engine's clock, if the application has one
     * @param eventListeners     told each reservation event, in order
     * @param dashboardListeners told each dashboard row, in order
     * @param customizers        applied in order after the properties, for settings without a property
     * @param beans              the application's beans, to name several channels, prices or clocks it has
     * @return the engine
     * @throws IllegalStateException if several channels (when the engine sends), prices or clocks are beans, none
     *                               of them primary
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Msgsvc.class)
    public Msgsvc msgsvc(
            MsgsvcProperties properties,
            Storage storage,
            EventTransport eventTransport,
            ObjectProvider<MessageChannel> channel,
            ObjectProvider<Pricing> pricing,
            ObjectProvider<Clock> clock,
            ObjectProvider<ReservationEventListener> eventListeners,
            ObjectProvider<DashboardListener> dashboardListeners,
            ObjectProvider<MsgsvcBuilderCustomizer> customizers,
            ListableBeanFactory beans) {
        MsgsvcBuilder builder = Msgsvc.builder().storage(storage).eventTransport(eventTransport);
        if (sends(properties)) {
            SingleBean.of(MessageChannel.class, channel, beans, "sends through it")
                    .ifPresent(builder::channel);
        } else {
            channel.ifUnique(builder::channel);
        }
        SingleBean.of(Pricing.class, pricing, beans, "bills at its prices").ifPresent(builder::pricing);
        SingleBean.of(Clock.class, clock, beans, "tells the time by it").ifPresent(builder::clock);
        eventListeners.orderedStream().forEach(builder::eventListener);
        dashboardListeners.orderedStream().forEach(builder::dashboardListener);
        PropertiesMapper.applyTo(builder, properties);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    /**
     * {@return the lifecycle that starts the engine before the web server takes requests and stops it after}
     *
     * @param msgsvc the engine
     */
    @Bean
    @ConditionalOnMissingBean(MsgsvcLifecycle.class)
    public MsgsvcLifecycle msgsvcLifecycle(Msgsvc msgsvc) {
        return new MsgsvcLifecycle(msgsvc);
    }

    /**
     * {@return the way to run the engine's writes inside the application's transactions}
     *
     * @param msgsvc     the engine
     * @param storage    its storage
     * @param dataSource the application's DataSource
     */
    @Bean
    @ConditionalOnMissingBean(MsgsvcTransactions.class)
    public MsgsvcTransactions msgsvcTransactions(Msgsvc msgsvc, Storage storage, DataSource dataSource) {
        return new MsgsvcTransactions(msgsvc, storage, dataSource);
    }

    private static boolean sends(MsgsvcProperties properties) {
        return properties.roles() == null
                || properties.roles().isEmpty()
                || properties.roles().contains(Role.SENDER);
    }
}
