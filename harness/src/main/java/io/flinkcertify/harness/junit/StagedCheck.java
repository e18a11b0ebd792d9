package io.flinkcertify.harness.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.function.Executable;

/**
 * The body of a planned check's dynamic test, with the stage it runs on in view: {@link CertifyExtension} hands
 * the stage to the test's container scope before the body runs, so JUnit closes it when the container ends.
 */
record StagedCheck(ExtensionContext.Store.CloseableResource stage, Executable body) implements Executable {
    @Override
    public void execute() throws Throwable {
        body.execute();
    }
}
