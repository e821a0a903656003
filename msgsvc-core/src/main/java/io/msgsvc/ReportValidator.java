package io.msgsvc;

import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks delivery reports before any is applied, so a refused batch changes nothing; each refusal names the field
 * ({@code reports[3].status}, or {@code status} for a single report).
 */
final class ReportValidator {
    private static final BigDecimal MAX_PRICE = new BigDecimal("9999999999999");
    static final int MAX_BATCH = 10_000;
    static final int MAX_REFERENCE_LENGTH = 200;
    static final int MAX_CODE_LENGTH = 100;
    static final int MAX_REASON_LENGTH = 1000;
    /** Parts are tracked in a 63-bit mask; SMS concatenation tops out at 255, real messages at a handful. */
    static final int MAX_PARTS = 63;

    private ReportValidator() {}

    /** The reports as given, with a missing report time set to {@code now}. */
    static List<DeliveryReport> validate(List<DeliveryReport> reports, Instant now) {
        if (reports == null) {
            throw new InvalidRequestException("reports", "must not be null");
        }
        if (reports.size() > MAX_BATCH) {
            throw new InvalidRequestException(
                    "reports", "holds " + reports.size() + " reports, more than the maximum of " + MAX_BATCH);
        }
        boolean single = reports.size() == 1;
        List<DeliveryReport> valid = new ArrayList<>(reports.size());
        for (int i = 0; i < reports.size(); i++) {
            valid.add(validate(reports.get(i), single ? "" : "reports[" + i + "].", now));
        }
        return valid;
    }

    private static DeliveryReport validate(DeliveryReport r, String at, Instant now) {
        if (r == null) {
            throw new InvalidRequestException(at.isEmpty() ? "report" : at.substring(0, at.length() - 1), "is null");
        }
        if (r.status() == null) {
            throw new InvalidRequestException(at + "status", "must not be null");
        }
        if ((r.deliveryId() == null) == (r.providerReference() == null)) {
            throw new InvalidRequestException(
                    at + "deliveryId", "name the delivery by its id or by the provider's reference, exactly one");
        }
        if (r.providerReference() != null) {
            RequestValidator.requireTrimmed(at + "providerReference", r.providerReference(), MAX_REFERENCE_LENGTH);
        }
        if (r.providerCode() != null) {
            RequestValidator.requireText(at + "providerCode", r.providerCode(), MAX_CODE_LENGTH);
        }
        if (r.reason() != null) {
            RequestValidator.requireText(at + "reason", r.reason(), MAX_REASON_LENGTH);
        }
        if (r.customerId() != null) {
            RequestValidator.requireTrimmed(at + "customerId", r.customerId(), RequestValidator.MAX_CUSTOMER_ID_LENGTH);
        }
        if (r.parts() < 1 || r.parts() > MAX_PARTS) {
            throw new InvalidRequestException(
                    at + "parts", "must be between 1 and " + MAX_PARTS + ", was " + r.parts());
        }
        if (r.part() < 1 || r.part() > r.parts()) {
            throw new InvalidRequestException(
                    at + "part", "must be between 1 and parts (" + r.parts() + "), was " + r.part());
        }
        if (r.units() != null && r.units() < 0) {
            throw new InvalidRequestException(at + "units", "must not be negative, was " + r.units());
        }
        if (r.price() != null && r.price().compareTo(BigDecimal.ZERO) < 0) {
            throw new InvalidRequestException(at + "price", "must not be negative, was " + r.price());
        }
        if (r.price() != null && r.price().compareTo(MAX_PRICE) > 0) {
            // what every store keeps (DECIMAL(19,6)): refused here rather than failing a whole batch in the database
            throw new InvalidRequestException(at + "price", "must be at most " + MAX_PRICE + ", was " + r.price());
        }
        Instant reportedAt = r.reportedAt() != null ? r.reportedAt() : now;
        if (reportedAt.isBefore(RequestValidator.EARLIEST_SEND_AT)
                || reportedAt.isAfter(RequestValidator.LATEST_SEND_AT)) {
            throw new InvalidRequestException(at + "reportedAt", "must be between 1970 and 9999, was " + reportedAt);
        }
        return new DeliveryReport(
                r.deliveryId(),
                r.providerReference(),
                r.status(),
                r.providerCode(),
                r.reason(),
                reportedAt,
                r.units(),
                r.price(),
                r.part(),
                r.parts(),
                r.customerId());
    }
}
