package io.msgsvc;

import static io.msgsvc.RequestValidator.requireCustomer;
import static io.msgsvc.RequestValidator.requirePage;

import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.MessageKind;
import io.msgsvc.api.OptOut;
import io.msgsvc.api.OptOutRequest;
import io.msgsvc.api.Page;
import io.msgsvc.api.PageRequest;
import io.msgsvc.spi.Written;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The opt-out (suppression) lists of an engine's store: one per customer and one global list, which applies to every
 * customer. An address is kept normalised (a phone number in E.164, read in the {@link RecipientPolicy#defaultRegion}
 * when written without a country code; an e-mail address in lower case), once per list: adding it again replaces its
 * entry. A delivery is checked when its turn comes, in batches (see the README), so an entry added while a
 * reservation is being sent stops its later recipients; a send already issued stands. Every change is validated
 * first and refused whole, naming the field ({@link InvalidRequestException}). Get it with {@link Msgsvc#optOuts()}.
 * On a storage that keeps no opt-out lists every method throws {@link UnsupportedOperationException} (and every
 * delivery is sent).
 */
public final class OptOutList {
    /** The most entries one {@link #importAll} call takes. */
    public static final int MAX_IMPORT = 10_000;

    private final EngineConfig config;
    private final UnitOfWork unitOfWork;
    private final OptOutGate gate;

    OptOutList(EngineConfig config, UnitOfWork unitOfWork, OptOutGate gate) {
        this.config = config;
        this.unitOfWork = unitOfWork;
        this.gate = gate;
    }

    /**
     * Puts an address on a customer's list.
     *
     * @param customerId the customer
     * @param request    the address, scope and reason
     * @return the entry as stored
     * @throws InvalidRequestException naming the field at fault; nothing is stored
     */
    public OptOut add(String customerId, OptOutRequest request) {
        return store(requireCustomer(customerId), List.of(request), "").get(0);
    }

    /**
     * Puts an address on the global list, which stops it for every customer.
     *
     * @param request the address, scope and reason
     * @return the entry as stored
     * @throws InvalidRequestException naming the field at fault; nothing is stored
     */
    public OptOut addGlobal(OptOutRequest request) {
        return store(null, List.of(request), "").get(0);
    }

    /**
     * Puts many addresses on a customer's list in one transaction: all of them, or (when one is at fault) none.
     *
     * @param customerId the customer
     * @param requests   the entries, 1 to {@value #MAX_IMPORT}
     * @return the entries as stored, in the order given
     * @throws InvalidRequestException naming the field at fault (e.g. {@code optOuts[3].address}); nothing is stored
     */
    public List<OptOut> importAll(String customerId, List<OptOutRequest> requests) {
        return store(requireCustomer(customerId), requests, null);
    }

    /**
     * Takes an address off a customer's list.
     *
     * @param customerId the customer
     * @param address    the address, as written anywhere (it is normalised)
     * @return true if it was there
     * @throws InvalidRequestException for a blank customer or address
     */
    public boolean remove(String customerId, String address) {
        return remove0(requireCustomer(customerId), address);
    }

    /**
     * Takes an address off the global list.
     *
     * @param address the address, as written anywhere (it is normalised)
     * @return true if it was there
     * @throws InvalidRequestException for a blank address
     */
    public boolean removeGlobal(String address) {
        return remove0(null, address);
    }

    /**
     * A customer's list, by address.
     *
     * @param customerId the customer
     * @param page       which page
     * @return the page
     */
    public Page<OptOut> list(String customerId, PageRequest page) {
        return gate.store().list(requireCustomer(customerId), requirePage(page));
    }

    /**
     * The global list, by address.
     *
     * @param page which page
     * @return the page
     */
    public Page<OptOut> listGlobal(PageRequest page) {
        return gate.store().list(null, requirePage(page));
    }

    /**
     * The entry that stops a message of {@code kind} from {@code customerId} to {@code address} now, if any: the
     * customer's own before a global one.
     *
     * @param customerId the customer
     * @param address    the address, as written anywhere
     * @param kind       the message's kind
     * @return the entry, or empty if such a message would be sent
     */
    public Optional<OptOut> find(String customerId, String address, MessageKind kind) {
        requireCustomer(customerId);
        if (kind == null) {
            throw new InvalidRequestException("kind", "must not be null");
        }
        String normalised = normalised("address", address);
        return gate.store().lookup(customerId, List.of(normalised)).entries().stream()
                .filter(o -> o.address().equals(normalised) && o.covers(kind))
                .min((a, b) -> Boolean.compare(a.isGlobal(), b.isGlobal()));
    }

    /**
     * Whether a message of {@code kind} from {@code customerId} to {@code address} would be skipped now.
     *
     * @param customerId the customer
     * @param address    the address, as written anywhere
     * @param kind       the message's kind
     * @return true if an entry on the customer's or the global list stops it
     */
    public boolean isOptedOut(String customerId, String address, MessageKind kind) {
        return find(customerId, address, kind).isPresent();
    }

    /** Validates every request (fields under {@code prefix}, or {@code optOuts[i].} when null), then stores all. */
    private List<OptOut> store(String customerId, List<OptOutRequest> requests, String prefix) {
        if (requests == null || requests.isEmpty()) {
            throw new InvalidRequestException("optOuts", "must hold at least one entry");
        }
        if (requests.size() > MAX_IMPORT) {
            throw new InvalidRequestException(
                    "optOuts", "has " + requests.size() + " entries, more than the limit of " + MAX_IMPORT);
        }
        Instant now = config.clock().instant();
        List<OptOut> entries = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            String field = prefix != null ? prefix : "optOuts[" + i + "].";
            OptOutRequest request = requests.get(i);
            if (request == null) {
                throw new InvalidRequestException(
                        prefix != null ? "request" : "optOuts[" + i + "]", "must not be null");
            }
            String reason = request.reason();
            if (reason != null) {
                RequestValidator.rejectIllFormed(field + "reason", reason);
                if (reason.length() > OptOut.MAX_REASON_LENGTH) {
                    throw new InvalidRequestException(
                            field + "reason",
                            "is " + reason.length() + " characters long, more than the maximum of "
                                    + OptOut.MAX_REASON_LENGTH);
                }
            }
            String address = normalised(field + "address", request.address());
            entries.add(new OptOut(customerId, address, request.scopeOrAll(), reason, now));
        }
        unitOfWork.write(tx -> {
            gate.store().add(tx, entries);
            return Written.quietly(entries.size());
        });
        gate.changed(); // the dispatches of this engine look the lists up again from their next batch
        return entries;
    }

    private boolean remove0(String customerId, String address) {
        String normalised = normalised("address", address);
        boolean removed = unitOfWork.write(tx -> Written.quietly(gate.store().remove(tx, customerId, normalised)));
        gate.changed();
        return removed;
    }

    private String normalised(String field, String address) {
        if (address == null || address.isBlank()) {
            throw new InvalidRequestException(field, "must not be blank");
        }
        RequestValidator.rejectIllFormed(field, address);
        String normalised = gate.normaliser.normalise(address);
        if (normalised.isEmpty() || normalised.length() > OptOut.MAX_ADDRESS_LENGTH) {
            throw new InvalidRequestException(
                    field,
                    "is not an address that can be kept (at most " + OptOut.MAX_ADDRESS_LENGTH
                            + " characters once normalised): " + address);
        }
        return normalised;
    }
}
