package io.msgsvc.spring.boot.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationAccessDeniedException;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationNotFoundException;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Registrations;
import io.msgsvc.spi.Storage;
import io.msgsvc.spring.boot.MsgsvcAutoConfiguration;
import io.msgsvc.spring.boot.dashboard.DashboardJson.ReservationRow;
import io.msgsvc.spring.boot.sample.RecordingChannel;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

/** One reservation's row (GET <base>/api/reservations/{id}) is read without its deliveries. */
class DashboardReservationReadTest {
    private final List<String> deliveryReads = new CopyOnWriteArrayList<>();

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class,
                    TransactionAutoConfiguration.class,
                    MsgsvcAutoConfiguration.class,
                    MsgsvcDashboardAutoConfiguration.class))
            .withPropertyValues("msgsvc.dashboard.enabled=true")
            .withBean(RecordingChannel.class)
            .withBean(Storage.class, () -> countingDeliveryReads(new InMemoryStorage()));

    @Test
    void aReservationsRowReadsNoDelivery() {
        web.run(context -> {
            Msgsvc msgsvc = context.getBean(Msgsvc.class);
            DashboardQueries queries = context.getBean(DashboardQueries.class);
            Reservation r = msgsvc.reserve(ReservationRequest.builder()
                    .customerId("acme")
                    .subject("Sale")
                    .text("Later")
                    .recipients("+100", "+200", "+300")
                    .sendAt(Instant.now().plus(Duration.ofDays(1)))
                    .build());

            ReservationRow row = queries.reservation("acme", r.id());

            assertThat(row.reservationId()).isEqualTo(r.id().toString());
            assertThat(row.subject()).isEqualTo("Sale");
            assertThat(row.text()).isEqualTo("Later");
            assertThat(row.progress().total()).isEqualTo(3);
            assertThat(deliveryReads).as("deliveries read").isEmpty();
            assertThatThrownBy(() -> queries.reservation("globex", r.id()))
                    .isInstanceOf(ReservationAccessDeniedException.class);
            assertThatThrownBy(() -> queries.reservation("acme", ReservationId.random()))
                    .isInstanceOf(ReservationNotFoundException.class);
        });
    }

    private Storage countingDeliveryReads(Storage storage) {
        Registrations registrations = proxy(Registrations.class, storage.registrations(), (method, args) -> {
            if (method.equals("deliveries")) {
                deliveryReads.add(args[0] + " from " + args[1] + " limit " + args[2]);
            }
        });
        return (Storage) Proxy.newProxyInstance(
                Storage.class.getClassLoader(),
                new Class<?>[] {Storage.class},
                (self, method, args) ->
                        method.getName().equals("registrations") ? registrations : invoke(storage, method, args));
    }

    private static <T> T proxy(Class<T> type, T target, Observer observer) {
        InvocationHandler handler = (self, method, args) -> {
            observer.called(method.getName(), args);
            return invoke(target, method, args);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private interface Observer {
        void called(String method, Object[] args);
    }
}
