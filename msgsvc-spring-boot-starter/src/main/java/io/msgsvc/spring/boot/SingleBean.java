package io.msgsvc.spring.boot;

import java.util.Arrays;
import java.util.Optional;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The one bean of a type the engine takes from the application. Several of them without a primary one are refused
 * rather than passed over: the engine would otherwise run on its default (bill the default price, read the system
 * clock) while the application believes it configured it.
 */
final class SingleBean {
    private SingleBean() {}

    /**
     * @return the only bean of the type, or the primary one among several; empty when there is none
     * @throws IllegalStateException naming the beans, when there are several and none is primary
     */
    static <T> Optional<T> of(Class<T> type, ObjectProvider<T> provider, ListableBeanFactory beans, String usedFor) {
        T unique = provider.getIfUnique();
        if (unique != null) {
            return Optional.of(unique);
        }
        String[] names = beans.getBeanNamesForType(type, true, false);
        if (names.length < 2) {
            return Optional.empty(); // none, or one that is no autowire candidate: passed over as Spring does
        }
        throw new IllegalStateException("msgsvc takes one " + type.getSimpleName() + " bean (" + usedFor
                + ") but found " + names.length + " and none of them primary: " + Arrays.toString(names)
                + "; mark the one msgsvc uses @Primary");
    }
}
