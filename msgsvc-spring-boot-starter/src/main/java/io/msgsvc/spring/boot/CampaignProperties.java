package io.msgsvc.spring.boot;

import io.msgsvc.CampaignDefaults;
import io.msgsvc.RecipientPolicy;
import io.msgsvc.api.DeliveryWindow;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;

/**
 * {@code msgsvc.recipients.*} and {@code msgsvc.campaign.*} as the engine's recipient policy and campaign defaults;
 * a bad or missing value is refused naming its property.
 */
final class CampaignProperties {
    private static final String WINDOW = "msgsvc.campaign.delivery-window";

    private CampaignProperties() {}

    /** The policy, or null when nothing is set (the engine's default). */
    static RecipientPolicy recipientPolicy(MsgsvcProperties.Recipients p) {
        if (p.max() == null && p.duplicates() == null && p.defaultRegion() == null) {
            return null;
        }
        RecipientPolicy policy = RecipientPolicy.defaults();
        if (p.max() != null) {
            if (p.max() < 1) {
                throw new IllegalArgumentException("msgsvc.recipients.max must be at least 1, was " + p.max());
            }
            policy = policy.withMaxRecipients(p.max());
        }
        if (p.duplicates() != null) {
            policy = policy.withDuplicates(p.duplicates());
        }
        if (p.defaultRegion() != null) {
            try {
                policy = policy.withDefaultRegion(p.defaultRegion());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("msgsvc.recipients.default-region: " + e.getMessage(), e);
            }
        }
        return policy;
    }

    /** The defaults, or null when nothing is set (none). */
    static CampaignDefaults campaignDefaults(MsgsvcProperties.Campaign p) {
        DeliveryWindow window = window(p.deliveryWindow());
        if (!p.koreanAdvertisingRule() && p.maxLateness() == null && window == null) {
            return null;
        }
        CampaignDefaults defaults = CampaignDefaults.none();
        if (window != null) {
            defaults = defaults.deliveryWindow(window);
        }
        if (p.koreanAdvertisingRule()) {
            defaults = defaults.koreanAdvertisingRule();
        }
        if (p.maxLateness() != null) {
            if (p.maxLateness().isNegative() || p.maxLateness().isZero()) {
                throw new IllegalArgumentException(
                        "msgsvc.campaign.max-lateness must be positive, was " + p.maxLateness());
            }
            defaults = defaults.maxLateness(p.maxLateness());
        }
        return defaults;
    }

    private static DeliveryWindow window(MsgsvcProperties.Window w) {
        if (w.from() == null
                && w.to() == null
                && w.zone() == null
                && (w.days() == null || w.days().isEmpty())) {
            return null;
        }
        if (w.from() == null || w.to() == null || w.zone() == null) {
            throw new IllegalArgumentException(WINDOW + " needs from, to and zone (" + WINDOW + ".from...)");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(w.zone());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(WINDOW + ".zone is no time zone id: " + w.zone(), e);
        }
        return new DeliveryWindow(
                w.days() == null || w.days().isEmpty() ? EnumSet.allOf(DayOfWeek.class) : w.days(),
                time("from", w.from()),
                time("to", w.to()),
                zone);
    }

    private static LocalTime time(String field, String text) {
        try {
            return LocalTime.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(WINDOW + "." + field + " must be a local time as HH:mm, was " + text, e);
        }
    }
}
