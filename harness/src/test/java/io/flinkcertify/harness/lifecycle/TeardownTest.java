package io.flinkcertify.harness.lifecycle;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TeardownTest {

    @Test
    void closesInReverseOrderExactlyOnce() {
        List<String> closed = new ArrayList<>();
        Teardown t = new Teardown("t");
        t.register("a", () -> closed.add("a"));
        t.register("b", () -> closed.add("b"));
        t.close();
        t.close();
        assertEquals(List.of("b", "a"), closed);
    }

    @Test
    void parentClosesAChildThatWasNotClosed() {
        List<String> closed = new ArrayList<>();
        Teardown parent = new Teardown("parent");
        Teardown child = parent.child("child");
        child.register("process", () -> closed.add("process"));
        parent.close();
        assertEquals(List.of("process"), closed);
    }

    @Test
    void aClosedChildUnhooksFromItsParent() {
        List<String> closed = new ArrayList<>();
        Teardown parent = new Teardown("parent");
        Teardown child = parent.child("child");
        child.register("process", () -> closed.add("process"));
        parent.register("after-child", () -> closed.add("after-child"));
        child.close();
        parent.close();
        assertEquals(List.of("process", "after-child"), closed);
    }

    @Test
    void oneFailingResourceDoesNotStopTheOthers() {
        List<String> closed = new ArrayList<>();
        Teardown t = new Teardown("t");
        t.register("a", () -> closed.add("a"));
        t.register("broken", () -> {
            throw new IllegalStateException("boom");
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, t::close);
        assertEquals(List.of("a"), closed);
        assertEquals(1, e.getSuppressed().length);
    }
}
