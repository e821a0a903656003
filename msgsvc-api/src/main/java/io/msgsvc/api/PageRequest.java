package io.msgsvc.api;

/** A page of a listing: page numbers start at 0. */
public record PageRequest(int page, int size) {
    public static final int MAX_SIZE = 1000;

    public PageRequest {
        if (page < 0) {
            throw new InvalidRequestException("page", "must be >= 0, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidRequestException("size", "must be between 1 and " + MAX_SIZE + ", was " + size);
        }
    }

    public static PageRequest of(int page, int size) {
        return new PageRequest(page, size);
    }

    public long offset() {
        return (long) page * size;
    }
}
