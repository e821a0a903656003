package io.msgsvc.api;

import java.util.List;

/** One page of a listing, newest first where the listing says so. */
public record Page<T>(List<T> items, int page, int size, long totalItems) {
    public Page {
        items = List.copyOf(items);
    }

    public long totalPages() {
        return (totalItems + size - 1) / size;
    }
}
