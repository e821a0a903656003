package io.msgsvc.api;

/**
 * A page of a listing: page numbers start at 0.
 *
 * @param page the page number, from 0
 * @param size items per page, 1 to {@value #MAX_SIZE}
 */
public record PageRequest(int page, int size) {
    /** The largest page size. */
    public static final int MAX_SIZE = 1000;

    /**
     * @param page the page number, from 0
     * @param size items per page, 1 to {@value #MAX_SIZE}
     * @throws InvalidRequestException (field {@code page} or {@code size}) for a value out of range
     */
    public PageRequest {
        if (page < 0) {
            throw new InvalidRequestException("page", "must be >= 0, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidRequestException("size", "must be between 1 and " + MAX_SIZE + ", was " + size);
        }
    }

    /**
     * @param page the page number, from 0
     * @param size items per page, 1 to {@value #MAX_SIZE}
     * @return the request
     * @throws InvalidRequestException (field {@code page} or {@code size}) for a value out of range
     */
    public static PageRequest of(int page, int size) {
        return new PageRequest(page, size);
    }

    /** @return how many items come before this page's first */
    public long offset() {
        return (long) page * size;
    }
}
