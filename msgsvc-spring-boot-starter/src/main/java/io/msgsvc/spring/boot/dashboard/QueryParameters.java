package io.msgsvc.spring.boot.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query of one dashboard request, read strictly: a parameter the endpoint does not know, one given twice, or
 * one that does not parse is refused naming it, before anything is read from the engine.
 */
final class QueryParameters {
    /** Instants the databases store and a dashboard means: years 1970 to 9999 (UTC). */
    static final Instant EARLIEST = Instant.EPOCH;

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final Map<String, String[]> values;

    private QueryParameters(Map<String, String[]> values) {
        this.values = values;
    }

    static QueryParameters of(HttpServletRequest request, String... known) {
        Set<String> allowed = Set.of(known);
        Map<String, String[]> values = request.getParameterMap();
        for (String name : new TreeSet<>(values.keySet())) {
            if (!allowed.contains(name)) {
                throw DashboardRequestException.badParameter(
                        name, "is not a parameter here; known: " + String.join(", ", new TreeSet<>(allowed)));
            }
            if (values.get(name).length != 1) {
                throw DashboardRequestException.badParameter(name, "must be given once");
            }
        }
        return new QueryParameters(values);
    }

    /** The text of a parameter, or null when absent; an empty one is refused. */
    String text(String name) {
        String[] given = values.get(name);
        if (given == null) {
            return null;
        }
        if (given[0].isBlank()) {
            throw DashboardRequestException.badParameter(name, "must not be empty");
        }
        return given[0];
    }

    int integer(String name, int absent, int min, int max) {
        String text = text(name);
        if (text == null) {
            return absent;
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw DashboardRequestException.badParameter(name, "must be a whole number, was '" + text + "'");
        }
        if (value < min || value > max) {
            throw DashboardRequestException.badParameter(
                    name, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    Instant instant(String name, Instant absent) {
        String text = text(name);
        if (text == null) {
            return absent;
        }
        Instant value;
        try {
            value = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw DashboardRequestException.badParameter(
                    name, "must be an ISO-8601 instant such as 2026-05-01T09:00:00Z, was '" + text + "'");
        }
        if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
            throw DashboardRequestException.badParameter(
                    name, "must be between " + EARLIEST + " and " + LATEST + ", was " + text);
        }
        return value;
    }
}
