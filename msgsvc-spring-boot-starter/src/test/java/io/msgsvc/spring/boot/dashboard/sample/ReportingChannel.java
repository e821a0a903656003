package io.msgsvc.spring.boot.dashboard.sample;

import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.SendOutcome;

/**
 * A gateway that reports delivery later: every message is accepted with a reference derived from its idempotency
 * key, except to recipients starting with {@code +0}, which it refuses for good as unroutable.
 */
public class ReportingChannel implements MessageChannel {
    public static final String UNROUTABLE = "unroutable number";

    @Override
    public SendOutcome send(OutboundMessage message) {
        if (message.recipient().startsWith("+0")) {
            return SendOutcome.permanentFailure(UNROUTABLE);
        }
        return SendOutcome.accepted("ref-" + message.idempotencyKey());
    }

    @Override
    public boolean reportsDelivery() {
        return true;
    }
}
