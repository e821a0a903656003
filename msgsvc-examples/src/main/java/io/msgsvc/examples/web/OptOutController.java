package io.msgsvc.examples.web;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.PageRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer's opt-out list (the customer is the one the API key names): add one address, import many at once,
 * list by address, remove one. Deliveries to an address on it end {@code SKIPPED} when their turn comes.
 */
@RestController
@RequestMapping(path = WebConfiguration.API + "/opt-outs", produces = MediaType.APPLICATION_JSON_VALUE)
class OptOutController {
    private final Msgsvc msgsvc;

    OptOutController(Msgsvc msgsvc) {
        this.msgsvc = msgsvc;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OptOutJson.Stored> add(@AuthenticationPrincipal String customerId, @RequestBody OptOutJson body) {
        OptOutJson.Stored stored = OptOutJson.Stored.of(msgsvc.optOuts().add(customerId, body.toRequest("")));
        return ResponseEntity.status(HttpStatus.CREATED).body(stored);
    }

    /** All or nothing: one entry at fault refuses the import, naming it ({@code optOuts[3].address}). */
    @PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> importAll(@AuthenticationPrincipal String customerId, @RequestBody OptOutJson.Import body) {
        List<OptOutJson.Stored> stored = msgsvc.optOuts().importAll(customerId, body.toRequests()).stream()
                .map(OptOutJson.Stored::of)
                .toList();
        return Map.of("imported", stored.size(), "optOuts", stored);
    }

    /** By normalised address. */
    @GetMapping
    PageJson<OptOutJson.Stored> list(
            @AuthenticationPrincipal String customerId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return PageJson.of(msgsvc.optOuts().list(customerId, PageRequest.of(page, size)), OptOutJson.Stored::of);
    }

    /** The address in any usual form (percent-encoded in the path); 404 when it is not on the list. */
    @DeleteMapping("/{address}")
    ResponseEntity<Object> remove(@AuthenticationPrincipal String customerId, @PathVariable String address) {
        if (msgsvc.optOuts().remove(customerId, address)) {
            return ResponseEntity.noContent().build();
        }
        return Problems.answer(Problems.of(
                HttpStatus.NOT_FOUND, "Opt-out not found", "The address is not on the opt-out list.", "address"));
    }
}
