package io.msgsvc.spring.boot;

import io.msgsvc.MsgsvcBuilder;

/**
 * Changes the engine's builder after the {@code msgsvc.*} properties were applied, before it is built: for settings
 * without a property (billing policy, recipient policy, a pricing or sending limits computed in code). Every bean of
 * this type is called, in {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface MsgsvcBuilderCustomizer {
    /**
     * Changes settings on the builder; a later customizer may change them again.
     *
     * @param builder the builder, with the properties already applied
     */
    void customize(MsgsvcBuilder builder);
}
