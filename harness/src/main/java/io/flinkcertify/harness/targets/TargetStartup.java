package io.flinkcertify.harness.targets;

import io.flinkcertify.harness.process.ProcessRegistry;
import io.flinkcertify.harness.lifecycle.Progress;

/**
 * The start-up protocol every target follows: reap what a killed earlier run left behind, bring the target up,
 * and if that fails, stop whatever did start and report why in one line (an environment error, exit code 3).
 */
public final class TargetStartup {

    public static void run(Target target, Runnable bringUp) {
        ProcessRegistry.defaultRegistry().reapOrphans().forEach(a -> Progress.say(target.kind(), "reaper: " + a));
        try {
            bringUp.run();
        } catch (TargetUnavailable e) {
            target.close();
            throw e;
        } catch (RuntimeException e) {
            String why = e.getMessage();
            target.close();
            throw e instanceof TargetException te ? te
                    : new TargetException(target.kind() + " target could not start: " + why, e);
        }
    }

    private TargetStartup() {}
}
