package io.msgsvc.api;

import java.util.List;

/**
 * One page of a listing, newest first where the listing says so.
 *
 * @param items      the page's items, at most {@code size}; unmodifiable
 * @param page       its number, from 0
 * @param size       the page size asked for
 * @param totalItems items in the whole listing
 * @param <T>        the item type
 */
public record Page<T>(List<T> items, int page, int size, long totalItems) {
    /**
     * @param items      the page's items, not null; copied
     * @param page       its number, from 0
     * @param size       the page size asked for, at least 1
     * @param totalItems items in the whole listing
     * @throws NullPointerException if {@code items} is null or holds null
     */
    public Page {
        items = List.copyOf(items);
    }

    /** @return pages in the whole listing at this size: 0 for an empty listing */
    public long totalPages() {
        return (totalItems + size - 1) / size;
    }
}
