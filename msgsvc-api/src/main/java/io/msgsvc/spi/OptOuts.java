package io.msgsvc.spi;

import io.msgsvc.api.OptOut;
import io.msgsvc.api.Page;
import io.msgsvc.api.PageRequest;
import java.util.Collection;
import java.util.List;

/**
 * Opt-out (suppression) lists: one per customer and one global list, each holding at most one entry per normalised
 * address (adding an address again replaces its entry). The engine normalises and checks every address before it
 * comes here, and looks up the addresses of the next batch of deliveries before it sends them.
 */
public interface OptOuts {

    /**
     * Adds the entries, replacing any entry for the same list and address, all in {@code tx}.
     *
     * @param tx      the open transaction
     * @param entries the entries, each on its customer's list (or the global one when its customer is null)
     */
    void add(StorageTx tx, List<OptOut> entries);

    /**
     * Removes the entry for {@code address} from a list.
     *
     * @param tx         the open transaction
     * @param customerId the customer whose list, or null for the global list
     * @param address    the normalised address
     * @return true if there was one
     */
    boolean remove(StorageTx tx, String customerId, String address);

    /**
     * One list's entries, by address.
     *
     * @param customerId the customer whose list, or null for the global list
     * @param page       which page
     * @return the page
     */
    Page<OptOut> list(String customerId, PageRequest page);

    /**
     * The entries on {@code customerId}'s list and on the global list for any of {@code addresses}, in one read (one
     * query on a database): what the dispatcher asks before it sends a batch of deliveries. It also tells whether any
     * list holds an entry at all, so a dispatcher may skip the next lookups for a moment when none does.
     *
     * @param customerId the customer
     * @param addresses  normalised addresses
     * @return the entries found, the customer's and the global ones, in no particular order
     */
    Matches lookup(String customerId, Collection<String> addresses);

    /**
     * What a {@link #lookup} found.
     *
     * @param entries  the entries for the addresses asked, the customer's and the global ones
     * @param anyEntry whether any list (any customer's, or the global one) held an entry at that moment
     */
    record Matches(List<OptOut> entries, boolean anyEntry) {
        /**
         * @param entries  the entries found, not null; copied
         * @param anyEntry whether any list held an entry
         */
        public Matches {
            entries = List.copyOf(entries);
        }
    }
}
