package io.flinkcertify.harness.run;

/** Which check: of which job, in which suite, on which target. */
public record CheckId(String job, String suite, String target, String name) {
    @Override
    public String toString() {
        return suite + "/" + target + "/" + job + "/" + name;
    }
}
