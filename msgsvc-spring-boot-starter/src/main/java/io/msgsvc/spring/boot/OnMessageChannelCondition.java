package io.msgsvc.spring.boot;

import io.msgsvc.Role;
import io.msgsvc.api.MessageChannel;
import java.util.Arrays;
import java.util.Set;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the engine has what it sends through: the application's {@link MessageChannel} bean, or no
 * {@link Role#SENDER} among {@code msgsvc.roles} (an engine that only relays or projects needs none).
 */
class OnMessageChannelCondition extends SpringBootCondition implements ConfigurationCondition {

    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("msgsvc engine");
        Set<Role> roles = Binder.get(context.getEnvironment())
                .bind("msgsvc.roles", Bindable.setOf(Role.class))
                .orElse(Set.of(Role.values()));
        if (!roles.isEmpty() && !roles.contains(Role.SENDER)) {
            return ConditionOutcome.match(message.because("msgsvc.roles " + roles + " has no SENDER"));
        }
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        String[] names = beans == null ? new String[0] : beans.getBeanNamesForType(MessageChannel.class, true, false);
        if (names.length == 0) {
            return ConditionOutcome.noMatch(message.because("found no bean of type " + MessageChannel.class.getName()
                    + ", which an engine that sends (msgsvc.roles includes SENDER, the default) needs: "
                    + "define the channel as a bean, or set msgsvc.enabled=false"));
        }
        return ConditionOutcome.match(message.found("MessageChannel bean", "MessageChannel beans")
                .items(ConditionMessage.Style.QUOTE, Arrays.asList(names)));
    }
}
