package io.flinkcertify.harness.lifecycle;

import io.flinkcertify.harness.process.ProcessRegistry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Everything the harness starts is registered here and closed in reverse order, exactly once, whatever path
 * the run takes: normal end, a failing test, or a SIGTERM/SIGINT of the harness JVM (shutdown hook). A SIGKILL
 * skips all of this; {@link io.flinkcertify.harness.process.ProcessRegistry} and the child-side watchdog cover it.
 */
public final class Teardown implements AutoCloseable {

    private static final Teardown GLOBAL = new Teardown("global");

    static {
        // a SIGTERM or SIGINT ends the run here: once everything closed, the run's ledger has nothing left to reap
        // (close throws on any resource it could not close, and the ledger then stays for the next run to reap)
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            GLOBAL.close();
            ProcessRegistry.defaultRegistry().forget();
        }, "flink-certify-teardown"));
    }

    private final String name;
    private final Deque<Registration> stack = new ArrayDeque<>();
    private Teardown parent;
    private Registration inParent;

    public Teardown(String name) {
        this.name = name;
    }

    /** The JVM-wide teardown, closed on JVM exit at the latest. */
    public static Teardown global() {
        return GLOBAL;
    }

    /**
     * A teardown nested in this one: closed with it at the latest, and, when closed first (the normal path), it
     * unhooks itself so the parent does not keep a closed child around.
     */
    public synchronized Teardown child(String childName) {
        Teardown child = new Teardown(childName);
        child.parent = this;
        child.inParent = register(childName, child);
        return child;
    }

    /** Registers a resource; the returned handle closes it early (and unregisters it). */
    public synchronized Registration register(String description, AutoCloseable resource) {
        Registration r = new Registration(description, resource);
        stack.push(r);
        return r;
    }

    @Override
    public void close() {
        List<Throwable> failures = new ArrayList<>();
        Registration r;
        while ((r = pop()) != null) {
            try {
                r.closeOnce();
            } catch (Exception | Error e) {
                failures.add(e);
            }
        }
        if (parent != null) {
            parent.remove(inParent);
        }
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException(
                    "teardown '" + name + "': " + failures.size() + " resource(s) failed to close");
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }

    private synchronized Registration pop() {
        return stack.poll();
    }

    private synchronized void remove(Registration r) {
        stack.remove(r);
    }

    /** A registered resource. Closing it closes the resource once and forgets it. */
    public final class Registration implements AutoCloseable {
        private final String description;
        private final AutoCloseable resource;
        private boolean closed;

        private Registration(String description, AutoCloseable resource) {
            this.description = description;
            this.resource = resource;
        }

        @Override
        public void close() throws Exception {
            remove(this);
            closeOnce();
        }

        private void closeOnce() throws Exception {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + description + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
