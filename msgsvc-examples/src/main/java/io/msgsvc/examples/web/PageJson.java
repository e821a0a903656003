package io.msgsvc.examples.web;

import io.msgsvc.api.Page;
import java.util.List;
import java.util.function.Function;

/** One page of a listing; pages are numbered from 0. */
public record PageJson<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    static <S, T> PageJson<T> of(Page<S> page, Function<S, T> mapper) {
        return new PageJson<>(
                page.items().stream().map(mapper).toList(),
                page.page(),
                page.size(),
                page.totalItems(),
                page.totalPages());
    }
}
