package io.flinkcertify.harness.capacity;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Participants that take the machine one at a time, in a fixed rotation: A, B, A, B, ... A participant that is done
 * leaves and the others go on without it. Capacity searches on several targets take turns so that no two trials
 * share the machine, and whatever drifts on the machine over the minutes the searches take (its load, the harness
 * JVM's heap, caches) falls on every target alike, instead of on whichever target was searched last: the A B A B
 * order of a paired benchmark.
 */
public final class Turns {

    private final List<String> rotation;
    private int turn;

    public Turns(List<String> participants) {
        if (participants.isEmpty() || participants.stream().distinct().count() != participants.size()) {
            throw new IllegalArgumentException("turns need distinct participants, got " + participants);
        }
        this.rotation = new ArrayList<>(participants);
    }

    /** One participant alone: its turn never waits. */
    public static Turns alone(String participant) {
        return new Turns(List.of(participant));
    }

    /** Waits for {@code who}'s turn, runs {@code action}, then hands the turn on (also when the action fails). */
    public <T> T inTurn(String who, Callable<T> action) throws Exception {
        await(who);
        try {
            return action.call();
        } finally {
            pass(who);
        }
    }

    synchronized void await(String who) throws InterruptedException {
        if (!rotation.contains(who)) {
            throw new IllegalStateException(who + " takes no turns: participants are " + rotation);
        }
        while (!rotation.get(turn).equals(who)) {
            wait();
        }
    }

    synchronized void pass(String who) {
        if (!rotation.isEmpty() && rotation.get(turn).equals(who)) {
            turn = (turn + 1) % rotation.size();
            notifyAll();
        }
    }

    /** {@code who} takes no more turns; if it was its turn, the next participant's begins. */
    public synchronized void leave(String who) {
        int at = rotation.indexOf(who);
        if (at < 0) {
            return;
        }
        rotation.remove(at);
        if (at < turn) {
            turn--;
        }
        if (turn >= rotation.size()) {
            turn = 0;
        }
        notifyAll();
    }

    /** The participants still taking turns, in rotation order. */
    public synchronized List<String> participants() {
        return List.copyOf(rotation);
    }
}
