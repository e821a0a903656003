package io.msgsvc.examples.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's answer to requests it refuses before any application sees them (a malformed request line or path, bad
 * percent-encoding, headers over the limit): problem+json with fixed texts, where Tomcat would write an HTML page.
 * Nothing of the request is echoed.
 */
public final class ProblemJsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean();
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        boolean headersTooLarge =
                failure != null && String.valueOf(failure.getMessage()).startsWith("Request header is too large");
        int answered = headersTooLarge ? 431 : status;
        String field = status >= 500 ? null : headersTooLarge ? "headers" : Problems.fieldFor(status);
        // no "type", as Spring's own problems since Spring Framework 7: absent means about:blank (RFC 9457)
        String json = "{\"title\":\"" + Problems.titleFor(answered) + "\",\"status\":"
                + answered + ",\"detail\":\"The server refused the request as it was sent.\""
                + (field == null ? "" : ",\"" + Problems.FIELD + "\":\"" + field + "\"") + "}";
        try {
            response.setStatus(answered);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone, or the response was committed meanwhile: nothing more to say
        }
    }
}
