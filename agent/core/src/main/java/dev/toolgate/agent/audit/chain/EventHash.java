package dev.toolgate.agent.audit.chain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, in lowercase hex, of an event's canonical JSON without its {@code hash} member. */
public final class EventHash {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private final MessageDigest digest;
    private final byte[] sum = new byte[32];

    public EventHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    public String of(byte[] bytes, int offset, int length) {
        digest.reset();
        digest.update(bytes, offset, length);
        return HEX.formatHex(digest.digest());
    }

    /** Writes the lowercase hex SHA-256 of the range into {@code hex}, 64 ASCII bytes. */
    public void hexInto(byte[] bytes, int offset, int length, byte[] hex) {
        digest.reset();
        finishHexInto(digest, bytes, offset, length, hex);
    }

    /**
     * A digest that has taken in the range, to be finished later by {@link #finishHexInto}: the first part of an
     * event can be hashed on another thread before the rest is known. Null when the provider cannot copy a digest.
     */
    public MessageDigest begin(byte[] bytes, int offset, int length) {
        digest.reset();
        digest.update(bytes, offset, length);
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            return null;
        }
    }

    /** Feeds {@code begun} the rest of the bytes and writes the lowercase hex SHA-256 into {@code hex}. */
    public void finishHexInto(MessageDigest begun, byte[] bytes, int offset, int length, byte[] hex) {
        begun.update(bytes, offset, length);
        try {
            begun.digest(sum, 0, sum.length);
        } catch (java.security.DigestException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
        for (int i = 0; i < sum.length; i++) {
            hex[2 * i] = DIGITS[(sum[i] >> 4) & 0xF];
            hex[2 * i + 1] = DIGITS[sum[i] & 0xF];
        }
    }

    public String of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }
}
