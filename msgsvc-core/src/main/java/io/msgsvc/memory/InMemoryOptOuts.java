package io.msgsvc.memory;

import io.msgsvc.api.OptOut;
import io.msgsvc.api.Page;
import io.msgsvc.api.PageRequest;
import io.msgsvc.spi.OptOuts;
import io.msgsvc.spi.StorageTx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** The opt-out lists in this JVM: per list (customer, or "" for the global one), entries by address. */
final class InMemoryOptOuts implements OptOuts {
    /** The global list's key: customer ids are never blank. */
    private static final String GLOBAL = "";

    private final InMemoryStorage storage;
    private final Map<String, NavigableMap<String, OptOut>> lists = new HashMap<>();

    InMemoryOptOuts(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public void add(StorageTx tx, List<OptOut> entries) {
        InMemoryTx memory = InMemoryTx.of(tx, storage);
        for (OptOut entry : entries) {
            NavigableMap<String, OptOut> list = lists.computeIfAbsent(key(entry.customerId()), k -> new TreeMap<>());
            OptOut before = list.put(entry.address(), entry);
            memory.onRollback(() -> restore(list, entry.address(), before));
        }
    }

    @Override
    public boolean remove(StorageTx tx, String customerId, String address) {
        InMemoryTx memory = InMemoryTx.of(tx, storage);
        NavigableMap<String, OptOut> list = lists.get(key(customerId));
        OptOut before = list == null ? null : list.remove(address);
        if (before != null) {
            memory.onRollback(() -> list.put(address, before));
        }
        return before != null;
    }

    private static void restore(NavigableMap<String, OptOut> list, String address, OptOut before) {
        if (before == null) {
            list.remove(address);
        } else {
            list.put(address, before);
        }
    }

    @Override
    public Page<OptOut> list(String customerId, PageRequest page) {
        return storage.read(() -> {
            NavigableMap<String, OptOut> list = lists.getOrDefault(key(customerId), new TreeMap<>());
            List<OptOut> items = list.values().stream()
                    .skip(page.offset())
                    .limit(page.size())
                    .toList();
            return new Page<>(items, page.page(), page.size(), list.size());
        });
    }

    @Override
    public Matches lookup(String customerId, Collection<String> addresses) {
        return storage.read(() -> {
            List<OptOut> found = new ArrayList<>();
            for (String listKey : List.of(key(customerId), GLOBAL)) {
                Map<String, OptOut> list = lists.get(listKey);
                if (list != null && !list.isEmpty()) {
                    addresses.stream().map(list::get).filter(o -> o != null).forEach(found::add);
                }
            }
            return new Matches(found, lists.values().stream().anyMatch(l -> !l.isEmpty()));
        });
    }

    private static String key(String customerId) {
        return customerId == null ? GLOBAL : customerId;
    }
}
