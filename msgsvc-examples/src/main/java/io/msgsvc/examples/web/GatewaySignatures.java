package io.msgsvc.examples.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks gateway callbacks: {@code X-Signature: sha256=<hex>} is the HMAC-SHA256, with the gateway's secret, of
 * {@code <X-Timestamp> + "." + <body>}; the timestamp (epoch seconds) must be within {@link #TOLERANCE} of now, and
 * a signature is taken once: the same callback sent again (a replay) is refused, as is one older than the tolerance,
 * so a captured callback cannot be used later either. An unknown gateway is refused like a wrong signature.
 */
final class GatewaySignatures {
    static final String SIGNATURE_HEADER = "X-Signature";
    static final String TIMESTAMP_HEADER = "X-Timestamp";
    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String PREFIX = "sha256=";

    private final Map<String, byte[]> secrets;
    private final Clock clock;
    /** Signatures taken within the tolerance; older callbacks fail the timestamp check anyway. */
    private final Cache<String, Boolean> taken =
            Caffeine.newBuilder().expireAfterWrite(TOLERANCE.multipliedBy(2)).build();

    GatewaySignatures(Map<String, byte[]> secrets, Clock clock) {
        this.secrets = Map.copyOf(secrets);
        this.clock = clock;
    }

    /** The signature a gateway with {@code secret} puts on {@code body} sent at {@code timestamp}. */
    static String sign(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }

    /**
     * Checks the callback and takes its signature, so it is accepted once.
     *
     * @return a handle to give the signature back if the callback could not be applied (so the gateway may retry)
     * @throws InvalidSignatureException naming the header at fault
     */
    Runnable take(String gateway, String timestamp, String signature, byte[] body) {
        if (signature == null || signature.isBlank()) {
            throw new InvalidSignatureException(SIGNATURE_HEADER, "a signed callback is required");
        }
        if (timestamp == null || !timestamp.matches("\\d{1,12}")) {
            throw new InvalidSignatureException(TIMESTAMP_HEADER, "must be the time of sending in epoch seconds");
        }
        Instant sentAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(sentAt, clock.instant()).abs().compareTo(TOLERANCE) > 0) {
            throw new InvalidSignatureException(TIMESTAMP_HEADER, "is more than " + TOLERANCE + " away from now");
        }
        byte[] secret = secrets.get(gateway);
        // an unknown gateway gets the same answer as a wrong signature: the names are not for guessing
        byte[] expected =
                sign(secret != null ? secret : new byte[32], timestamp, body).getBytes(StandardCharsets.US_ASCII);
        if (secret == null || !MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidSignatureException(SIGNATURE_HEADER, "does not match the body and timestamp");
        }
        String key = gateway + ':' + signature.trim();
        if (taken.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
            throw new InvalidSignatureException(SIGNATURE_HEADER, "was taken before: a callback is accepted once");
        }
        return () -> taken.invalidate(key);
    }
}
