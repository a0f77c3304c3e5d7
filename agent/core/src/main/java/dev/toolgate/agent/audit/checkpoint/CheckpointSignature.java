package dev.toolgate.agent.audit.checkpoint;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Ed25519 signatures with the JDK's provider (no library: the JDK has had EdDSA since 15). */
final class CheckpointSignature {

    private CheckpointSignature() {}

    static byte[] sign(PrivateKey key, byte[] message) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(CheckpointKeys.ALGORITHM);
        signature.initSign(key);
        signature.update(message);
        return signature.sign();
    }

    static boolean verify(PublicKey key, byte[] message, byte[] signed) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(CheckpointKeys.ALGORITHM);
        signature.initVerify(key);
        signature.update(message);
        try {
            return signature.verify(signed);
        } catch (java.security.SignatureException malformed) {
            return false;
        }
    }
}
