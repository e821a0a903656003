package io.msgsvc.examples.web;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.ReportStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One delivery report as gateways' status callbacks carry it: the message by the gateway's {@code messageId} (the
 * reference it answered the send with) or by msgsvc's {@code deliveryId} (the idempotency key it was given), its
 * {@code status}, and optionally the gateway's {@code code} and {@code reason}, {@code reportedAt} (ISO-8601),
 * {@code part} of {@code parts}, {@code units} and {@code price}. A callback body is one such object, or an array
 * of them.
 */
record GatewayReportJson(
        String messageId,
        String deliveryId,
        String status,
        String code,
        String reason,
        String reportedAt,
        Integer part,
        Integer parts,
        Integer units,
        BigDecimal price) {

    /** The reports in {@code body}; a refusal names the field, e.g. {@code reports[2].status}. */
    static List<DeliveryReport> parse(ObjectMapper json, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidRequestException("body", "is not JSON");
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            throw new InvalidRequestException("body", "must be a report object or an array of them");
        }
        List<JsonNode> nodes = new ArrayList<>();
        root.forEach(nodes::add);
        if (root.isObject()) {
            nodes = List.of(root);
        }
        if (nodes.isEmpty()) {
            throw new InvalidRequestException("body", "holds no report");
        }
        List<DeliveryReport> reports = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            String at = root.isArray() ? "reports[" + i + "]." : "";
            GatewayReportJson report;
            try {
                report = json.treeToValue(nodes.get(i), GatewayReportJson.class);
            } catch (DatabindException e) {
                throw new InvalidRequestException(at + field(e), "is not of the expected type or not known");
            } catch (JacksonException e) {
                throw new InvalidRequestException(
                        at.isEmpty() ? "body" : at.substring(0, at.length() - 1), "unreadable");
            }
            reports.add(report.toReport(at));
        }
        return reports;
    }

    private static String field(DatabindException e) {
        return e.getPath().isEmpty() || e.getPath().get(0).getPropertyName() == null
                ? "body"
                : e.getPath().get(0).getPropertyName();
    }

    private DeliveryReport toReport(String at) {
        if ((messageId == null) == (deliveryId == null)) {
            throw new InvalidRequestException(at + "messageId", "give the gateway's messageId or the deliveryId, one");
        }
        DeliveryReport.Builder report;
        if (deliveryId != null) {
            try {
                report = DeliveryReport.forDelivery(DeliveryId.parse(deliveryId));
            } catch (InvalidRequestException e) {
                throw new InvalidRequestException(
                        at + "deliveryId", e.getMessage().substring("deliveryId".length() + 1));
            }
        } else {
            report = DeliveryReport.forReference(messageId);
        }
        return report.status(status(at))
                .providerCode(code, reason)
                .reportedAt(reportedAt(at))
                .part(part == null ? 1 : part, parts == null ? 1 : parts)
                .unitsAndPrice(units, price)
                .build();
    }

    private ReportStatus status(String at) {
        if (status == null) {
            throw new InvalidRequestException(at + "status", "must not be null");
        }
        try {
            return ReportStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(
                    at + "status", "must be one of " + Arrays.toString(ReportStatus.values()) + ", was " + status);
        }
    }

    private Instant reportedAt(String at) {
        if (reportedAt == null) {
            return null;
        }
        try {
            return Instant.parse(reportedAt);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(at + "reportedAt", "must be an ISO-8601 instant, was " + reportedAt);
        }
    }
}
