package io.flinkcertify.harness.targets.kubernetes;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.flinkcertify.harness.secrets.Redaction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A kubeconfig read and checked before anything starts, and the only way the harness builds a fabric8 client
 * {@link Config}: from this file and the context it names, never from fabric8's fallbacks (the in-cluster
 * address kubernetes.default.svc, a service account, ~/.kube/config, KUBERNETES_MASTER), which would make a typo
 * hang for minutes or, worse, reach a cluster nobody named. Every problem is a {@link Problem} whose message
 * names the flag to fix and never quotes the file (which holds tokens and keys).
 */
public final class Kubeconfig {

    // the file's text never appears in an error: no source snippets in parser locations
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final String content;
    private final String context;
    private final NamedCluster cluster;

    private Kubeconfig(Path file, String content, String context, NamedCluster cluster) {
        this.file = file;
        this.content = content;
        this.context = context;
        this.cluster = cluster;
    }

    /** A kubeconfig or context the user must correct; the message starts with the flag ({@code --context: ...}). */
    public static final class Problem extends RuntimeException {
        Problem(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads {@code file} and resolves {@code context} (null: the file's current-context). Registers the file's
     * credentials with {@link Redaction} first, so nothing later can print them.
     */
    public static Kubeconfig read(Path file, String context) {
        String content;
        try {
            content = Files.readString(file);
        } catch (IOException e) {
            throw new Problem("--kubeconfig: " + file + " cannot be read (" + e.getClass().getSimpleName()
                    + "); pass a readable kubeconfig");
        }
        io.fabric8.kubernetes.api.model.Config model = parse(file, content);
        List<NamedAuthInfo> users = Objects.requireNonNullElse(model.getUsers(), List.of());
        users.forEach(u -> registerSecrets(u.getUser()));

        List<NamedContext> contexts = Objects.requireNonNullElse(model.getContexts(), List.of());
        String names = contexts.stream().map(NamedContext::getName).collect(Collectors.joining(", ", "[", "]"));
        String chosen = context != null ? context : model.getCurrentContext();
        if (chosen == null || chosen.isBlank()) {
            throw new Problem("--context: " + file + " has no current-context; pass --context, one of " + names);
        }
        NamedContext named = contexts.stream().filter(c -> chosen.equals(c.getName())).findFirst()
                .orElseThrow(() -> new Problem("--context: '" + chosen + "' is not a context of " + file
                        + "; use one of " + names));
        if (named.getContext() == null || named.getContext().getCluster() == null) {
            throw new Problem("--kubeconfig: context '" + chosen + "' in " + file + " names no cluster; set its "
                    + "contexts[].context.cluster");
        }
        String clusterName = named.getContext().getCluster();
        List<NamedCluster> clusters = Objects.requireNonNullElse(model.getClusters(), List.of());
        NamedCluster cluster = clusters.stream().filter(c -> clusterName.equals(c.getName())).findFirst()
                .filter(c -> c.getCluster() != null && c.getCluster().getServer() != null
                        && !c.getCluster().getServer().isBlank())
                .orElseThrow(() -> new Problem("--kubeconfig: context '" + chosen + "' names cluster '" + clusterName
                        + "', which " + file + " does not define with a server; add it under clusters[]"));
        checkPem(file, "clusters[" + clusters.indexOf(cluster) + "].cluster.certificate-authority-data",
                cluster.getCluster().getCertificateAuthorityData());
        String userName = named.getContext().getUser();
        for (int i = 0; i < users.size(); i++) {
            NamedAuthInfo user = users.get(i);
            if (user.getName() != null && user.getName().equals(userName) && user.getUser() != null) {
                checkPem(file, "users[" + i + "].user.client-certificate-data", user.getUser().getClientCertificateData());
                checkPem(file, "users[" + i + "].user.client-key-data", user.getUser().getClientKeyData());
            }
        }
        return new Kubeconfig(file, content, chosen, cluster);
    }

    public Path file() {
        return file;
    }

    /** The context in use: the one asked for, or the file's current-context. */
    public String context() {
        return context;
    }

    /** The API server the context points at, exactly as the file says. */
    public String server() {
        return cluster.getCluster().getServer();
    }

    /**
     * The fabric8 client configuration for this context, built from the file alone. fabric8 applies system
     * properties and environment variables on top ({@code postAutoConfigure}); the server is put back to the
     * file's, so the environment cannot send the run elsewhere.
     */
    public Config clientConfig() {
        Config config;
        try {
            config = Config.fromKubeconfig(context, content, file.toString());
        } catch (RuntimeException e) {
            // what fabric8 could not load we have parsed already: its message may quote the file, so it stays out
            throw new Problem("--kubeconfig: the credentials of context '" + context + "' in " + file
                    + " cannot be loaded (" + e.getClass().getSimpleName() + "); check its users[].user entry");
        }
        config.setMasterUrl(server());
        config.setAutoConfigure(false);
        return config;
    }

    /** A client for this context with fabric8's usual timeouts and retries. */
    public KubernetesClient client() {
        return build(clientConfig());
    }

    /**
     * A client that gives up after {@code timeout} per connection and per request and never retries: for asking
     * once whether the cluster is there, instead of fabric8's retries per call (20 s and more on a dead address).
     */
    KubernetesClient boundedClient(Duration timeout) {
        Config config = clientConfig();
        config.setConnectionTimeout((int) timeout.toMillis());
        config.setRequestTimeout((int) timeout.toMillis());
        config.setRequestRetryBackoffLimit(0);
        return build(config);
    }

    // building sets up TLS from the key and certificates: bad material fails here, before any connection
    private KubernetesClient build(Config config) {
        try {
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (RuntimeException e) {
            throw new Problem("--kubeconfig: the client certificate or key of context '" + context + "' in " + file
                    + " cannot be used (" + e.getClass().getSimpleName() + "); check users[].user.client-key-data "
                    + "and client-certificate-data");
        }
    }

    private static io.fabric8.kubernetes.api.model.Config parse(Path file, String content) {
        io.fabric8.kubernetes.api.model.Config model;
        try {
            model = YAML.readValue(content, io.fabric8.kubernetes.api.model.Config.class);
        } catch (JsonMappingException e) {
            StreamReadException syntax = syntaxError(e);
            if (syntax != null) {
                throw notYaml(file, syntax);
            }
            String at = e.getPath().stream()
                    .map(r -> r.getIndex() >= 0 ? "[" + r.getIndex() + "]" : "." + r.getFieldName())
                    .collect(Collectors.joining()).replaceFirst("^\\.", "");
            throw new Problem("--kubeconfig: " + file + " is not a kubeconfig: wrong shape"
                    + (at.isEmpty() ? "" : " at " + at) + where(e.getLocation())
                    + "; compare it with 'kubectl config view'");
        } catch (JsonProcessingException e) {
            throw notYaml(file, e);
        }
        if (model == null) {
            throw new Problem("--kubeconfig: " + file + " is empty; pass the kubeconfig of the cluster to certify on");
        }
        return model;
    }

    // the parser's own message quotes the offending line, which may hold a token: location only
    private static Problem notYaml(Path file, JsonProcessingException e) {
        return new Problem("--kubeconfig: " + file + " is not valid YAML" + where(e.getLocation())
                + "; correct the syntax there");
    }

    // Jackson wraps a syntax error met while binding a field into a mapping error
    private static StreamReadException syntaxError(Throwable e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof StreamReadException s) {
                return s;
            }
        }
        return null;
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static void registerSecrets(AuthInfo user) {
        if (user == null) {
            return;
        }
        Redaction.register(user.getToken());
        Redaction.register(user.getPassword());
        Redaction.register(user.getClientKeyData());
        Redaction.register(user.getClientCertificateData());
        if (user.getAuthProvider() != null && user.getAuthProvider().getConfig() != null) {
            Redaction.registerSensitiveValues(user.getAuthProvider().getConfig());
        }
    }

    /** Kubeconfig *-data fields hold base64 of PEM; fabric8 would fail later with "Illegal base64 character". */
    private static void checkPem(Path file, String field, String data) {
        if (data == null || data.isBlank()) {
            return;
        }
        Function<String, String> problem = why -> "--kubeconfig: " + field + " in " + file + " " + why
                + "; put the base64 of the PEM file there (base64 -w0 file.pem)";
        byte[] decoded;
        try {
            // strict, like fabric8: a raw PEM pasted in ("-----BEGIN") is not silently skipped over
            decoded = Base64.getDecoder().decode(data.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new Problem(problem.apply("is not base64"));
        }
        if (!new String(decoded, StandardCharsets.US_ASCII).strip().startsWith("-----BEGIN ")) {
            throw new Problem(problem.apply("is base64 but not of a PEM block"));
        }
    }
}
