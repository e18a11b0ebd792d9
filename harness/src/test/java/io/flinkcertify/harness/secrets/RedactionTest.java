package io.flinkcertify.harness.secrets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedactionTest {

    @AfterEach
    void forget() {
        Redaction.clear();
    }

    @Test
    void knownSecretsAreMaskedWhereverTheyAppear() {
        Redaction.register("s3cr3t-Planted-Value");
        String masked = Redaction.apply("access denied for key s3cr3t-Planted-Value (retry with s3cr3t-Planted-Value)");
        assertEquals("access denied for key *** (retry with ***)", masked);
    }

    @Test
    void shortValuesAreNotRegisteredSoOrdinaryTextSurvives() {
        Redaction.register("abc");
        assertEquals("abc abcdef", Redaction.apply("abc abcdef"));
    }

    @Test
    void secretShapesAreMaskedWithoutBeingRegistered() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl";
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";
        String text = "Authorization: Bearer abc.def-123 token " + jwt + " key " + pem
                + " data LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t";
        String masked = Redaction.apply(text);
        for (String secret : List.of("abc.def-123", jwt, "MIIEpAIBAAKCAQEA", "LS0tLS1CRUdJTi")) {
            assertFalse(masked.contains(secret), secret + " leaked: " + masked);
        }
        assertTrue(masked.startsWith("Authorization: Bearer ***"), masked);
    }

    @Test
    void sensitiveFlinkKeysAreRecognisedAndOrdinaryOnesAreNot() {
        for (String key : List.of("s3.secret-key", "s3.access-key", "fs.azure.account.key.acct.blob.core.windows.net",
                "security.ssl.keystore-password", "metrics.reporter.dd.apikey", "kafka.sasl.jaas.config")) {
            assertTrue(Redaction.isSensitiveKey(key), key);
        }
        for (String key : List.of("parallelism.default", "state.backend.type", "taskmanager.numberOfTaskSlots",
                "pipeline.auto-watermark-interval")) {
            assertFalse(Redaction.isSensitiveKey(key), key);
        }
        Redaction.registerSensitiveValues(Map.of("s3.secret-key", "wJalrXUtnFEMI", "state.backend.type", "rocksdb"));
        assertEquals("*** rocksdb", Redaction.apply("wJalrXUtnFEMI rocksdb"));
    }

    @Test
    void aFailureAndItsCausesAreCopiedWithMaskedMessagesAndTheSameStack() {
        Redaction.register("planted-token-0123");
        IllegalStateException cause = new IllegalStateException("token planted-token-0123 refused");
        RuntimeException failure = new RuntimeException("outer planted-token-0123", cause);
        Throwable copy = Redaction.apply(failure);
        assertEquals("java.lang.RuntimeException: outer ***", copy.getMessage());
        assertEquals("java.lang.IllegalStateException: token *** refused", copy.getCause().getMessage());
        assertEquals(List.of(failure.getStackTrace()), List.of(copy.getStackTrace()));
    }
}
