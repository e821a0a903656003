package io.msgsvc.spring.boot;

import io.msgsvc.MsgsvcBuilder;

/**
 * Changes the engine's builder after the {@code msgsvc.*} properties were applied, before it is built: for settings
 * without a property (billing policy, recipient policy, a pricing or sending limits computed in code). Every bean of
 * this type is called, in {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface MsgsvcBuilderCustomizer {
    void customize(MsgsvcBuilder builder);
}
