package io.flinkcertify.harness.secrets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Masks secrets in text that leaves the harness (progress lines, check reasons and evidence, and through them
 * verdict.json, checks/*.json, JUnit and Allure). Two nets: the secrets this run was given (registered where they
 * are read: the kubeconfig's credentials, Flink config values under sensitive keys), and shapes that are secret
 * wherever they come from (bearer tokens, JWTs, PEM private keys and their base64). One registry per JVM, because
 * a run's secrets are the process's secrets: every thread's output must be masked the same way.
 */
public final class Redaction {

    public static final String MASK = "***";

    /**
     * Shorter values are not registered: masking every "abc" in a log would destroy the text and tell an attacker
     * the secret's value by where the masks fall. Such a value is still caught when it has a secret's shape.
     */
    static final int MIN_KNOWN_LENGTH = 6;

    // base64 of "-----BEGIN": a PEM block encoded the way kubeconfigs carry keys and certificates
    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("-----BEGIN [A-Z0-9 ]*-----[\\s\\S]*?(-----END [A-Z0-9 ]*-----|$)"),
            Pattern.compile("LS0tLS1CRUdJT[A-Za-z0-9+/=]*"),
            Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"));

    // keeps the scheme so a reader still sees what kind of credential was there
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");

    // Flink's GlobalConfiguration.isSensitive list, plus "key" as a word: s3.secret-key, fs.azure.account.key.*
    private static final Pattern SENSITIVE_KEY = Pattern.compile(
            "password|secret|token|jaas\\.config|auth-params|basic-auth|http-headers|(^|[._-])[a-z]*keys?($|[._-])");

    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    /** Remembers a secret this run holds, so it is masked wherever it shows up later. */
    public static void register(String secret) {
        if (secret != null && secret.strip().length() >= MIN_KNOWN_LENGTH) {
            KNOWN.add(secret.strip());
        }
    }

    /** True for a configuration key whose value is a credential ({@code s3.secret-key}, {@code *.password}). */
    public static boolean isSensitiveKey(String key) {
        return key != null && SENSITIVE_KEY.matcher(key.toLowerCase(Locale.ROOT)).find();
    }

    /** Registers the values of a configuration's sensitive keys. */
    public static void registerSensitiveValues(Map<String, String> config) {
        config.forEach((key, value) -> {
            if (isSensitiveKey(key)) {
                register(value);
            }
        });
    }

    /** The text with every known secret and every secret-shaped run replaced by {@value #MASK}. */
    public static String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        // longest first, so a secret containing another is masked whole
        List<String> known = new ArrayList<>(KNOWN);
        known.sort(Comparator.comparingInt(String::length).reversed());
        for (String secret : known) {
            masked = masked.replace(secret, MASK);
        }
        for (Pattern shape : SHAPES) {
            masked = shape.matcher(masked).replaceAll(MASK);
        }
        return BEARER.matcher(masked).replaceAll("$1" + MASK);
    }

    /** A copy of a JSON-like tree (maps, collections, strings, numbers) with every string masked. */
    public static Object applyDeep(Object value) {
        if (value instanceof CharSequence s) {
            return apply(s.toString());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(apply(String.valueOf(k)), applyDeep(v)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(Redaction::applyDeep).toList();
        }
        return value;
    }

    /**
     * A stand-in for {@code e} and its causes with masked messages and the same stack traces: JUnit's XML report
     * writes a failure's whole cause chain, so a cause carrying a secret must not travel with a check's failure.
     */
    public static Throwable apply(Throwable e) {
        if (e == null) {
            return null;
        }
        Throwable copy = new Redacted(e.getClass().getName() + ": " + apply(String.valueOf(e.getMessage())),
                apply(e.getCause() == e ? null : e.getCause()));
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    /** Forgets what was registered; for tests that plant secrets of their own. */
    static void clear() {
        KNOWN.clear();
    }

    private static final class Redacted extends RuntimeException {
        Redacted(String message, Throwable cause) {
            super(message, cause, false, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    private Redaction() {}
}
