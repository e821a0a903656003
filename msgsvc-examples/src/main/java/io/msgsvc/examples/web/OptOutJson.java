package io.msgsvc.examples.web;

import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.OptOut;
import io.msgsvc.api.OptOutRequest;
import io.msgsvc.api.OptOutScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An opt-out as the API takes it: {@code {"address": "010-1234-5678", "scope": "advertising", "reason": "..."}};
 * {@code scope} is {@code advertising} or {@code all} (absent: all), {@code reason} optional. The address may be
 * written in any usual form: the engine normalises it.
 */
public record OptOutJson(String address, String scope, String reason) {

    /** The engine's request; a bad scope is refused naming {@code <prefix>scope}. */
    OptOutRequest toRequest(String prefix) {
        OptOutScope parsed = scope == null
                ? OptOutScope.ALL
                : switch (scope) {
                    case "advertising" -> OptOutScope.ADVERTISING;
                    case "all" -> OptOutScope.ALL;
                    default ->
                        throw new InvalidRequestException(
                                prefix + "scope", "must be \"advertising\" or \"all\", was \"" + scope + "\"");
                };
        return new OptOutRequest(address, parsed, reason);
    }

    /** Body of {@code POST /api/opt-outs/import}: many entries, stored together or (one at fault) not at all. */
    public record Import(List<OptOutJson> optOuts) {
        List<OptOutRequest> toRequests() {
            if (optOuts == null) {
                throw new InvalidRequestException("optOuts", "must hold at least one entry");
            }
            List<OptOutRequest> requests = new ArrayList<>(optOuts.size());
            for (int i = 0; i < optOuts.size(); i++) {
                OptOutJson entry = optOuts.get(i);
                if (entry == null) {
                    throw new InvalidRequestException("optOuts[" + i + "]", "must not be null");
                }
                requests.add(entry.toRequest("optOuts[" + i + "]."));
            }
            return requests;
        }
    }

    /** An entry as stored: its normalised address, scope, reason and when it was added. */
    public record Stored(String address, String scope, String reason, Instant createdAt) {
        static Stored of(OptOut o) {
            return new Stored(o.address(), o.scope().name().toLowerCase(Locale.ROOT), o.reason(), o.createdAt());
        }
    }
}
