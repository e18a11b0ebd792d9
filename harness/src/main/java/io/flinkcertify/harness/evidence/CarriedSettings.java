package io.flinkcertify.harness.evidence;

import io.flinkcertify.harness.workload.YarnToKubernetes;

import java.util.List;

/**
 * A job's production YARN settings and what each became on Kubernetes, by the documented mapping; the derived
 * production configuration was written to {@code file} (relative to OUT).
 *
 * @param findings the settings with no Kubernetes counterpart, each with what to do instead
 */
public record CarriedSettings(List<YarnToKubernetes.Setting> settings, List<String> findings, String file)
        implements Evidence {

    public CarriedSettings {
        settings = List.copyOf(settings);
        findings = List.copyOf(findings);
    }

    @Override
    public String headline() {
        return settings.size() + " YARN setting(s) carried to " + file + ", " + findings.size()
                + " without a Kubernetes counterpart";
    }
}
