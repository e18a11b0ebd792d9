package io.flinkcertify.harness.fault.proxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The toxics in effect, keyed by the id their handle carries. Mutated only on the selector thread; the published
 * list is immutable so {@link FaultProxy#active()} can read it from any thread without locking.
 */
final class ActiveToxics {

    private final Map<Long, Toxic> byId = new LinkedHashMap<>();
    private long nextId;
    private volatile List<Toxic> published = List.of();
    private FlowEffect upstream = FlowEffect.NONE;
    private FlowEffect downstream = FlowEffect.NONE;

    long add(Toxic toxic) {
        long id = nextId++;
        byId.put(id, toxic);
        refresh();
        return id;
    }

    /** Returns the removed toxic, or null if the id was already gone (e.g. cleared). */
    Toxic remove(long id) {
        Toxic removed = byId.remove(id);
        if (removed != null) {
            refresh();
        }
        return removed;
    }

    void clear() {
        byId.clear();
        refresh();
    }

    boolean has(Class<? extends Toxic> kind) {
        for (Toxic t : byId.values()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    FlowEffect effect(Direction flow) {
        return switch (flow) {
            case UPSTREAM -> upstream;
            case DOWNSTREAM -> downstream;
            case BOTH -> throw new IllegalArgumentException("effects are per flow");
        };
    }

    List<Toxic> published() {
        return published;
    }

    private void refresh() {
        List<Toxic> all = List.copyOf(new ArrayList<>(byId.values()));
        upstream = FlowEffect.of(all, Direction.UPSTREAM);
        downstream = FlowEffect.of(all, Direction.DOWNSTREAM);
        published = all;
    }
}
