package io.msgsvc.examples.web;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.ReportOutcome;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * The gateways' status callbacks ({@code POST /api/gateways/{gateway}/reports}): delivery reports, one or a batch
 * per request, signed by the gateway ({@link GatewaySignatures}) instead of a customer's API key. The signature is
 * checked over the raw body before anything is read from it; a callback refused for any reason changes nothing.
 */
@RestController
@RequestMapping(path = GatewayReportController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
class GatewayReportController {
    static final String PATH = WebConfiguration.API + "/gateways";

    /** What became of each report, in the order of the callback. */
    record ReportOutcomesJson(List<ReportOutcome> outcomes) {}

    private final Msgsvc msgsvc;
    private final GatewaySignatures signatures;
    private final ObjectMapper json;

    GatewayReportController(Msgsvc msgsvc, GatewaySignatures signatures, ObjectMapper json) {
        this.msgsvc = msgsvc;
        this.signatures = signatures;
        this.json = json;
    }

    @PostMapping(path = "/{gateway}/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    ReportOutcomesJson reports(
            @PathVariable String gateway,
            @RequestHeader(name = GatewaySignatures.TIMESTAMP_HEADER, required = false) String timestamp,
            @RequestHeader(name = GatewaySignatures.SIGNATURE_HEADER, required = false) String signature,
            @RequestBody byte[] body) {
        Runnable giveBack = signatures.take(gateway, timestamp, signature, body);
        try {
            List<DeliveryReport> reports = GatewayReportJson.parse(json, body);
            return new ReportOutcomesJson(msgsvc.reportDeliveries(reports));
        } catch (RuntimeException e) {
            giveBack.run(); // nothing was applied: the gateway may send the same callback again
            throw e;
        }
    }
}
