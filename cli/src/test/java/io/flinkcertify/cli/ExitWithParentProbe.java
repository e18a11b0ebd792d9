package io.flinkcertify.cli;

/** A stand-in lane for ParallelLanesTest: watches its parent as a --parallel child does, then waits. */
public final class ExitWithParentProbe {

    private ExitWithParentProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        ParallelLanes.exitWithParent();
        System.out.println("watching");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
