package io.flinkcertify.harness.junit;

import io.flinkcertify.harness.lifecycle.Teardown;
import io.flinkcertify.harness.process.ProcessRegistry;
import io.flinkcertify.harness.run.RunSettings;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The lifecycle of a certification run inside JUnit, scoped as Testcontainers scopes containers: one
 * {@link CertifyContext} per run (root store); each planned group's deployment in the store of the dynamic
 * container that runs its checks, closed by JUnit when that container ends. {@link Teardown#global()} is only the
 * backstop: closed with the root store at the end of the run, and by its shutdown hook on SIGTERM.
 */
public final class CertifyExtension implements ParameterResolver, InvocationInterceptor {

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

    /**
     * Before a planned check runs, its group's stage becomes a value of the check's container store. Only here can
     * it: a dynamic container has a store of its own, but no code of the suite sees it; its tests' interceptors do.
     */
    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
                                     ExtensionContext extensionContext) throws Throwable {
        if (invocationContext.getExecutable() instanceof StagedCheck check) {
            ExtensionContext container = extensionContext.getParent().orElse(extensionContext);
            container.getStore(NS).getOrComputeIfAbsent(check.stage(), k -> check.stage());
        }
        invocation.proceed();
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
