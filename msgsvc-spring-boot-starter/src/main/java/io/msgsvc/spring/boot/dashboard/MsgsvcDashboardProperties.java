package io.msgsvc.spring.boot.dashboard;

import java.time.Duration;
import java.util.Currency;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dashboard's settings under {@code msgsvc.dashboard.*}.
 *
 * @param enabled Whether the application serves the dashboard (its page, JSON API and live stream); default false.
 * @param basePath Where the dashboard lives: the page at {@code <base-path>/}, the API under
 *     {@code <base-path>/api}; default /msgsvc. Letters, digits, '-', '_' and '/' only, starting with '/'.
 * @param operatorAuthority The authority (or servlet role) of a principal who sees every customer; default
 *     MSGSVC_OPERATOR. Any other principal sees the customer its name is.
 * @param currency The ISO 4217 currency the application's Pricing charges in, shown beside every amount; default
 *     XXX (no currency).
 * @param heartbeat How often an idle live stream carries a comment, so proxies keep it open; default 15s.
 * @param streamTimeout How long one live stream lasts before the page opens a new one; default 30m.
 * @param clientQueue Row updates one page may have waiting to be written; a page that falls further behind is
 *     disconnected and reconnects with fresh data. Default 512.
 * @param actionsEnabled Whether the dashboard also changes things: registers reservations and pauses, resumes,
 *     cancels and reschedules them (POST endpoints under {@code <base-path>/api}, a form and buttons on the page);
 *     default false, read-only. The host's security must then protect POSTs against cross-site requests (CSRF).
 */
@ConfigurationProperties("msgsvc.dashboard")
public record MsgsvcDashboardProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("/msgsvc") String basePath,
        @DefaultValue("MSGSVC_OPERATOR") String operatorAuthority,
        @DefaultValue("XXX") Currency currency,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("30m") Duration streamTimeout,
        @DefaultValue("512") int clientQueue,
        @DefaultValue("false") boolean actionsEnabled) {

    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9_-]+)+");

    /**
     * Refuses settings the dashboard cannot run with, naming the property.
     *
     * @param enabled           whether the dashboard is served
     * @param basePath          like {@code /msgsvc}
     * @param operatorAuthority not blank
     * @param currency          the currency amounts are shown in
     * @param heartbeat         positive
     * @param streamTimeout     positive
     * @param clientQueue       at least 1
     * @param actionsEnabled    whether the dashboard also changes things
     */
    public MsgsvcDashboardProperties {
        if (basePath == null || !PATH.matcher(basePath).matches()) {
            throw new IllegalArgumentException("msgsvc.dashboard.base-path must be like /msgsvc (letters, digits,"
                    + " '-', '_' and '/', no trailing '/'), was " + basePath);
        }
        if (operatorAuthority == null || operatorAuthority.isBlank()) {
            throw new IllegalArgumentException("msgsvc.dashboard.operator-authority must not be blank");
        }
        requirePositive("msgsvc.dashboard.heartbeat", heartbeat);
        requirePositive("msgsvc.dashboard.stream-timeout", streamTimeout);
        if (clientQueue < 1) {
            throw new IllegalArgumentException("msgsvc.dashboard.client-queue must be at least 1, was " + clientQueue);
        }
    }

    private static void requirePositive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be positive, was " + value);
        }
    }
}
