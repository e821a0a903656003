package io.msgsvc;

import io.msgsvc.api.CampaignRules;
import io.msgsvc.api.DeliveryWindow;
import io.msgsvc.api.MessageKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The campaign rules an engine applies to every reservation besides its own: a delivery window, Korea's rule on
 * advertising hours, and a default lateness. Immutable: each method returns a new value. The windows apply when a
 * reservation is sent, so every engine that shares a storage should be given the same.
 *
 * <pre>{@code
 * Msgsvc.builder().campaignDefaults(CampaignDefaults.none()
 *         .deliveryWindow(DeliveryWindow.daily(LocalTime.of(9, 0), LocalTime.of(20, 0), ZoneId.of("Europe/Berlin")))
 *         .koreanAdvertisingRule()
 *         .maxLateness(Duration.ofHours(6)))
 * }</pre>
 */
public final class CampaignDefaults {
    private static final CampaignDefaults NONE = new CampaignDefaults(null, false, null);

    private final DeliveryWindow deliveryWindow;
    private final boolean koreanAdvertisingRule;
    private final Duration maxLateness;

    private CampaignDefaults(DeliveryWindow deliveryWindow, boolean koreanAdvertisingRule, Duration maxLateness) {
        this.deliveryWindow = deliveryWindow;
        this.koreanAdvertisingRule = koreanAdvertisingRule;
        this.maxLateness = maxLateness;
    }

    /** {@return no window, no advertising rule, no lateness limit} (the default) */
    public static CampaignDefaults none() {
        return NONE;
    }

    /**
     * {@return these defaults with a delivery window for every reservation}, on top of a reservation's own window
     *
     * @param window the window every reservation's sends go within
     */
    public CampaignDefaults deliveryWindow(DeliveryWindow window) {
        return new CampaignDefaults(
                Objects.requireNonNull(window, "deliveryWindow"), koreanAdvertisingRule, maxLateness);
    }

    /**
     * Advertising reservations ({@link MessageKind#ADVERTISING}) whose request does not state the recipients'
     * separate consent ({@code nightConsent}) go only 08:00-21:00 Asia/Seoul
     * ({@link DeliveryWindow#koreanAdvertising()}). The "(광고)" prefix, the sender's name and the free opt-out notice
     * the rule also asks for are the sender's text.
     *
     * @return these defaults with the rule
     */
    public CampaignDefaults koreanAdvertisingRule() {
        return new CampaignDefaults(deliveryWindow, true, maxLateness);
    }

    /**
     * Recipients of a reservation that gives neither {@code expireAt} nor {@code maxLateness} are given up this long
     * after its send time (stored with it at registration).
     *
     * @param maxLateness positive
     * @return these defaults with that lateness
     */
    public CampaignDefaults maxLateness(Duration maxLateness) {
        return new CampaignDefaults(deliveryWindow, koreanAdvertisingRule, Checks.positive("maxLateness", maxLateness));
    }

    Duration maxLateness() {
        return maxLateness;
    }

    /** The windows a reservation sent under {@code rules} must be within: its own and the engine's. */
    List<DeliveryWindow> windowsFor(CampaignRules rules) {
        List<DeliveryWindow> windows = new ArrayList<>(3);
        if (rules.window() != null) {
            windows.add(rules.window());
        }
        if (deliveryWindow != null) {
            windows.add(deliveryWindow);
        }
        if (koreanAdvertisingRule && rules.kind() == MessageKind.ADVERTISING && !rules.nightConsent()) {
            windows.add(DeliveryWindow.koreanAdvertising());
        }
        return windows;
    }

    @Override
    public String toString() {
        return "CampaignDefaults[deliveryWindow=" + deliveryWindow + ", koreanAdvertisingRule=" + koreanAdvertisingRule
                + ", maxLateness=" + maxLateness + "]";
    }
}
