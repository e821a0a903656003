package io.msgsvc.smpp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The order the client wrote its submits in, as the SMSC can tell it. */
final class SmppOrder {
    private SmppOrder() {}

    /**
     * Each destination once, at its first submit: sessions in the order they first submitted (a session replaces
     * one that dropped), and within a session in the order of sequence numbers, which the client takes as it writes.
     */
    static List<String> firstSubmits(List<SmscSubmit> submits) {
        Map<String, List<SmscSubmit>> bySession =
                submits.stream().collect(Collectors.groupingBy(SmscSubmit::sessionId));
        List<List<SmscSubmit>> sessions = new ArrayList<>(bySession.values());
        sessions.sort(Comparator.comparing(session -> session.stream()
                .map(SmscSubmit::receivedAt)
                .min(Comparator.naturalOrder())
                .orElseThrow()));
        LinkedHashSet<String> first = new LinkedHashSet<>();
        for (List<SmscSubmit> session : sessions) {
            session.stream()
                    .sorted(Comparator.comparingInt(SmscSubmit::sequenceNumber))
                    .forEach(s -> first.add(s.destinationAddr()));
        }
        return new ArrayList<>(first);
    }
}
