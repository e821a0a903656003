package io.msgsvc.spring.boot.sample;

import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.SendOutcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Accepts every message and remembers its recipient, in the order of the calls. */
public class RecordingChannel implements MessageChannel {
    private final List<String> recipients = new CopyOnWriteArrayList<>();

    @Override
    public SendOutcome send(OutboundMessage message) {
        recipients.add(message.recipient());
        return SendOutcome.accepted("ref-" + message.idempotencyKey());
    }

    public List<String> recipients() {
        return List.copyOf(recipients);
    }
}
