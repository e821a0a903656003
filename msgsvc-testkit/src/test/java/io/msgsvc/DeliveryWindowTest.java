package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgsvc.api.CampaignRules;
import io.msgsvc.api.DeliveryWindow;
import io.msgsvc.api.MessageKind;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Windows as time-zone arithmetic, without an engine: openings, closings, midnight, DST, and their stored form. */
class DeliveryWindowTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aWindowAcrossMidnightOpensOnItsDaysAndClosesTheNextMorning() {
        // Fridays only, 22:00-06:00 Berlin (UTC+1 in January); 2 January 2026 is a Friday
        DeliveryWindow fridayNights = new DeliveryWindow(Set.of(DayOfWeek.FRIDAY), at(22), at(6), BERLIN);

        assertThat(fridayNights.nextOpening(Instant.parse("2026-01-01T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-02T21:00:00Z"));
        assertThat(fridayNights.isOpen(Instant.parse("2026-01-03T04:59:59Z")))
                .as("Saturday 05:59")
                .isTrue();
        assertThat(fridayNights.closesAfter(Instant.parse("2026-01-03T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-03T05:00:00Z"));
        assertThat(fridayNights.isOpen(Instant.parse("2026-01-03T05:00:00Z"))).isFalse();
        assertThat(fridayNights.nextOpening(Instant.parse("2026-01-03T05:00:00Z")))
                .as("a week later")
                .isEqualTo(Instant.parse("2026-01-09T21:00:00Z"));
    }

    @Test
    void localTimesFollowTheDaylightSavingChangeAndAdjacentOpeningsJoin() {
        // Berlin springs forward at 02:00 on 29 March 2026: 02:30 does not exist, and the clock passes it at the
        // jump, 03:00 CEST (01:00Z)
        DeliveryWindow fromHalfPastTwo = DeliveryWindow.daily(LocalTime.of(2, 30), at(4), BERLIN);
        assertThat(fromHalfPastTwo.nextOpening(Instant.parse("2026-03-28T23:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(fromHalfPastTwo.closesAfter(Instant.parse("2026-03-29T01:00:00Z")))
                .as("04:00 CEST")
                .isEqualTo(Instant.parse("2026-03-29T02:00:00Z"));
        // the day before, 02:30 CET is 01:30Z; the day after, 02:30 CEST is 00:30Z
        assertThat(fromHalfPastTwo.nextOpening(Instant.parse("2026-03-27T23:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-28T01:30:00Z"));
        assertThat(fromHalfPastTwo.nextOpening(Instant.parse("2026-03-29T23:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));

        DeliveryWindow allDay = DeliveryWindow.daily(at(0), at(0), BERLIN);
        assertThat(allDay.closesAfter(Instant.parse("2026-01-01T12:00:00Z")))
                .as("every day's opening joins the next: open past the lookahead")
                .isAfter(Instant.parse("2026-01-08T00:00:00Z"));
    }

    @Test
    void aWindowClosingInTheSpringGapClosesWhenTheClockJumpsNotAnHourLate() {
        // 22:00-02:30 Berlin: on the night of 29 March 2026 the clock goes from 01:59:59 CET to 03:00 CEST (01:00Z),
        // past 02:30, so the window closes then; moving 02:30 on by the hour skipped would keep it open to 01:30Z
        DeliveryWindow nights = DeliveryWindow.daily(at(22), LocalTime.of(2, 30), BERLIN);
        Instant saturdayEvening = Instant.parse("2026-03-28T21:00:00Z"); // 22:00 CET
        assertThat(nights.closesAfter(saturdayEvening)).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(nights.isOpen(Instant.parse("2026-03-29T00:59:59Z")))
                .as("01:59:59 CET")
                .isTrue();
        assertThat(nights.isOpen(Instant.parse("2026-03-29T01:00:00Z")))
                .as("03:00 CEST")
                .isFalse();
        assertThat(nights.isOpen(Instant.parse("2026-03-29T01:15:00Z")))
                .as("03:15 CEST")
                .isFalse();
        assertThat(nights.nextOpening(Instant.parse("2026-03-29T01:00:00Z")))
                .as("22:00 CEST")
                .isEqualTo(Instant.parse("2026-03-29T20:00:00Z"));
        // the nights around it close at 02:30 local: 01:30Z in winter, 00:30Z in summer
        assertThat(nights.closesAfter(Instant.parse("2026-03-27T21:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-28T01:30:00Z"));
        assertThat(nights.closesAfter(Instant.parse("2026-03-29T20:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));

        // New York springs forward at 02:00 on 8 March 2026: a window closing at 02:30 closes at 03:00 EDT (07:00Z)
        DeliveryWindow newYork = DeliveryWindow.daily(at(1), LocalTime.of(2, 30), ZoneId.of("America/New_York"));
        assertThat(newYork.closesAfter(Instant.parse("2026-03-08T06:30:00Z")))
                .isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
    }

    @Test
    void aWindowWhoseHoursTheSpringGapSkipsDoesNotOpenThatNightAndAutumnTimesTakeTheirFirstPassing() {
        // 02:10-02:50 Berlin: the clock never shows those times on 29 March 2026, so the next opening is the 30th
        DeliveryWindow skipped = DeliveryWindow.daily(LocalTime.of(2, 10), LocalTime.of(2, 50), BERLIN);
        assertThat(skipped.nextOpening(Instant.parse("2026-03-28T23:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-30T00:10:00Z"));
        assertThat(skipped.isOpen(Instant.parse("2026-03-29T01:00:00Z"))).isFalse();
        SendingHours hours = new SendingHours(List.of(skipped), null);
        assertThat(hours.closedUntil(Instant.parse("2026-03-29T01:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-30T00:10:00Z"));

        // Berlin falls back at 03:00 on 25 October 2026, 02:00-03:00 twice: 02:30 is first reached at 00:30Z (CEST)
        DeliveryWindow toHalfPastTwo = DeliveryWindow.daily(at(1), LocalTime.of(2, 30), BERLIN);
        assertThat(toHalfPastTwo.closesAfter(Instant.parse("2026-10-24T23:30:00Z")))
                .isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        DeliveryWindow fromHalfPastTwo = DeliveryWindow.daily(LocalTime.of(2, 30), at(4), BERLIN);
        assertThat(fromHalfPastTwo.nextOpening(Instant.parse("2026-10-24T22:00:00Z")))
                .isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(fromHalfPastTwo.closesAfter(Instant.parse("2026-10-25T00:30:00Z")))
                .as("04:00 CET")
                .isEqualTo(Instant.parse("2026-10-25T03:00:00Z"));
    }

    @Test
    void koreanAdvertisingHoursAreEightToNineInSeoul() {
        DeliveryWindow ads = DeliveryWindow.koreanAdvertising();
        assertThat(ads.isOpen(Instant.parse("2026-01-01T11:59:59Z")))
                .as("20:59 KST")
                .isTrue();
        assertThat(ads.isOpen(Instant.parse("2026-01-01T12:00:00Z")))
                .as("21:00 KST")
                .isFalse();
        assertThat(ads.nextOpening(Instant.parse("2026-01-01T12:30:00Z")))
                .isEqualTo(Instant.parse("2026-01-01T23:00:00Z"));
    }

    @Test
    void intersectedWindowsOpenWhenAllAreOpenAndNeverWhenTheyCannotMeet() {
        DeliveryWindow weekdays =
                new DeliveryWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), at(9), at(17), ZoneId.of("UTC"));
        SendingHours hours = new SendingHours(List.of(weekdays, DeliveryWindow.koreanAdvertising()), null);
        // Saturday 3 January 2026 09:00Z: the weekday window waits for Monday 09:00Z, when Seoul is at 18:00
        assertThat(hours.nextOpening(Instant.parse("2026-01-03T09:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
        assertThat(hours.closedUntil(Instant.parse("2026-01-05T10:00:00Z"))).isNull();
        assertThat(hours.closedUntil(Instant.parse("2026-01-05T12:00:00Z")))
                .as("21:00 in Seoul closes it before 17:00 UTC")
                .isEqualTo(Instant.parse("2026-01-06T09:00:00Z"));

        DeliveryWindow seoulNights = DeliveryWindow.daily(at(22), at(6), DeliveryWindow.SEOUL);
        assertThat(new SendingHours(List.of(seoulNights, DeliveryWindow.koreanAdvertising()), null)
                        .nextOpening(Instant.parse("2026-01-01T00:00:00Z")))
                .isNull();
    }

    @Test
    void windowsThatNoLongerMeetKeepTheReservationWaitingInsteadOfSending() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant afterTheAutumnChange = Instant.parse("2026-11-02T12:00:00Z");
        SendingHours apart = new SendingHours(
                List.of(
                        DeliveryWindow.koreanAdvertising(),
                        DeliveryWindow.daily(LocalTime.of(13, 0), LocalTime.of(14, 0), berlin)), // 21:00-22:00 KST
                null);
        SendingHours apartUntilExpiry = new SendingHours(
                List.of(
                        DeliveryWindow.koreanAdvertising(),
                        DeliveryWindow.daily(LocalTime.of(13, 0), LocalTime.of(14, 0), berlin)),
                afterTheAutumnChange.plusSeconds(3600));

        assertThat(apart.closedUntil(afterTheAutumnChange)).isAfter(afterTheAutumnChange);
        assertThat(apartUntilExpiry.closedUntil(afterTheAutumnChange))
                .isEqualTo(afterTheAutumnChange.plusSeconds(3600));
    }

    @Test
    void rulesWithAWindowZoneAndExpiryReadBackAsWrittenAndUnknownNamesAreIgnored() {
        CampaignRules rules = new CampaignRules(
                MessageKind.ADVERTISING,
                true,
                BERLIN,
                new DeliveryWindow(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.SUNDAY), at(22), at(6), BERLIN),
                Instant.parse("2026-01-02T00:00:00Z"));

        assertThat(rules.encoded()).contains("window=MON,SUN;22:00;06:00;Europe/Berlin\n");
        assertThat(CampaignRules.decode(rules.encoded())).isEqualTo(rules);
        assertThat(CampaignRules.decode(rules.encoded() + "someLaterRule=x\n")).isEqualTo(rules);
        assertThat(CampaignRules.decode("kind=ADVERTISING\n"))
                .isEqualTo(new CampaignRules(MessageKind.ADVERTISING, false));
        assertThatThrownBy(() -> CampaignRules.decode("zone=Mars/Base\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeliveryWindow.parse("MON;22:00;Europe/Berlin"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliveryWindow(Set.of(), at(1), at(2), BERLIN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static LocalTime at(int hour) {
        return LocalTime.of(hour, 0);
    }
}
