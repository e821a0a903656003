package io.msgsvc.examples.web;

import io.msgsvc.api.DeliveryWindow;
import io.msgsvc.api.InvalidRequestException;
import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A delivery window as the API writes it: {@code {"days": ["MON", "TUE"], "from": "09:00", "to": "20:00",
 * "zone": "Europe/Berlin"}}; {@code days} left out means every day, {@code to} not after {@code from} spans
 * midnight.
 */
public record DeliveryWindowJson(List<String> days, String from, String to, String zone) {
    static DeliveryWindowJson of(DeliveryWindow window) {
        return window == null
                ? null
                : new DeliveryWindowJson(
                        new TreeSet<>(window.days())
                                .stream().map(d -> d.name().substring(0, 3)).toList(),
                        window.from().toString(),
                        window.to().toString(),
                        window.zone().getId());
    }

    DeliveryWindow toWindow() {
        Set<DayOfWeek> allowed = EnumSet.noneOf(DayOfWeek.class);
        if (days == null) {
            allowed = EnumSet.allOf(DayOfWeek.class);
        } else {
            for (int i = 0; i < days.size(); i++) {
                allowed.add(CampaignScheduleJson.day("deliveryWindow.days[" + i + "]", days.get(i)));
            }
        }
        if (allowed.isEmpty()) {
            throw new InvalidRequestException("deliveryWindow.days", "must name at least one day");
        }
        return new DeliveryWindow(
                allowed,
                CampaignScheduleJson.time("deliveryWindow.from", from),
                CampaignScheduleJson.time("deliveryWindow.to", to),
                CampaignScheduleJson.zone("deliveryWindow.zone", zone));
    }
}
