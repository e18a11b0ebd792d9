package io.flinkcertify.harness.junit;

import io.flinkcertify.harness.lifecycle.Teardown;
import io.flinkcertify.harness.process.ProcessRegistry;
import io.flinkcertify.harness.run.RunSettings;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The lifecycle of a certification run inside JUnit: one {@link CertifyContext} per run (root store), and one
 * {@link Teardown} that JUnit closes when the whole run ends, whatever failed. Resources a suite starts are
 * registered there (or in the JVM-wide teardown), in the way Testcontainers ties containers to the run.
 */
public final class CertifyExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(CertifyExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == CertifyContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store root = context.getRoot().getStore(NS);
        root.getOrComputeIfAbsent(RunTeardown.class, k -> new RunTeardown(), RunTeardown.class);
        return root.getOrComputeIfAbsent(CertifyContext.class,
                k -> new CertifyContext(RunSettings.from(context::getConfigurationParameter)), CertifyContext.class);
    }

    /** Closed by JUnit at the end of the run: ends everything still registered, then forgets the run's registry. */
    static final class RunTeardown implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            try {
                Teardown.global().close();
            } finally {
                ProcessRegistry.defaultRegistry().forget();
            }
        }
    }
}
