package io.flinkcertify.harness.run;

import io.flinkcertify.harness.secrets.Redaction;
import io.qameta.allure.Allure;

/**
 * What happened inside a check, as Allure steps of its test (a fault injected, reverted). Outside an Allure-run test
 * (a unit test calling the harness directly) there is no test to add them to, and that is no error: the run record
 * has the same events.
 */
final class AllureSteps {

    static void step(String name) {
        try {
            Allure.step(Redaction.apply(name));
        } catch (RuntimeException noTest) {
            // no Allure test running: the record holds the event anyway
        }
    }

    private AllureSteps() {}
}
