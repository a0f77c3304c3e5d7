package dev.toolgate.agent.audit.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The Ed25519 keys of checkpoints, from the JDK's own provider: the private key as PKCS#8 (PEM or DER) in a file only
 * its owner may read, the public key as X.509 SubjectPublicKeyInfo (PEM or DER). Every problem is a
 * {@link KeyException} whose message names the file, what is wrong with it and what to do.
 */
public final class CheckpointKeys {

    static final String ALGORITHM = "Ed25519";
    private static final String PRIVATE_PEM = "PRIVATE KEY";
    private static final String PUBLIC_PEM = "PUBLIC KEY";
    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    /** A key file that cannot be used: the message says which, why and what to do. */
    public static final class KeyException extends Exception {
        KeyException(String message) {
            super(message, null, false, false);
        }
    }

    private CheckpointKeys() {}

    /**
     * The signing key in {@code file}, which must be readable by its owner only (mode 0600 or 0400): a key that
     * others on the host can read signs nothing an auditor can trust.
     */
    public static PrivateKey loadPrivate(Path file) throws KeyException {
        byte[] content = read(file, "checkpoint signing key");
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            Set<PosixFilePermission> permissions;
            try {
                permissions = posix.readAttributes().permissions();
            } catch (IOException e) {
                throw new KeyException("the checkpoint signing key " + file + " cannot be checked: " + e);
            }
            if (permissions.stream().anyMatch(NOT_OWNER::contains)) {
                throw new KeyException("the checkpoint signing key " + file + " has mode "
                        + PosixFilePermissions.toString(permissions) + ": its group or other users can use it. It"
                        + " must be readable by the agent's user only: chmod 600 " + file);
            }
        }
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(der(content, PRIVATE_PEM, file)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeyException("the checkpoint signing key " + file + " is not an Ed25519 private key in PKCS#8"
                    + " (PEM or DER): " + e.getMessage() + ". Make a key pair with: java -jar toolgate-agent.jar"
                    + " audit keygen FILE");
        }
    }

    /** The public key that checks checkpoints, as {@code audit keygen} writes it beside the private key. */
    public static PublicKey loadPublic(Path file) throws KeyException {
        byte[] content = read(file, "checkpoint public key");
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(der(content, PUBLIC_PEM, file)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeyException("the checkpoint public key " + file + " is not an Ed25519 public key (X.509"
                    + " SubjectPublicKeyInfo, PEM or DER): " + e.getMessage() + "; give the .pub file that audit"
                    + " keygen wrote beside the agent's key");
        }
    }

    /**
     * The signing key in {@code privateFile} with its public key from {@code privateFile}.pub (as {@link #generate}
     * writes them, or {@code openssl pkey -pubout}), checked to belong together: checkpoints name the public key, and
     * one that does not match would make every checkpoint look forged.
     */
    public static KeyPair loadPair(Path privateFile) throws KeyException {
        PrivateKey privateKey = loadPrivate(privateFile);
        Path publicFile = publicFileOf(privateFile);
        if (!Files.exists(publicFile)) {
            throw new KeyException("the checkpoint signing key " + privateFile + " has no public key beside it ("
                    + publicFile + " does not exist): checkpoints name their key, so the agent needs it. audit"
                    + " keygen writes both; for a key made elsewhere: openssl pkey -in " + privateFile
                    + " -pubout -out " + publicFile);
        }
        PublicKey publicKey = loadPublic(publicFile);
        byte[] probe = "toolgate checkpoint key check".getBytes(StandardCharsets.US_ASCII);
        try {
            if (!CheckpointSignature.verify(publicKey, probe, CheckpointSignature.sign(privateKey, probe))) {
                throw new KeyException(publicFile + " is not the public key of " + privateFile + ": a signature made"
                        + " with the private key does not verify with it. Put the matching public key there.");
            }
        } catch (GeneralSecurityException e) {
            throw new KeyException("cannot sign with " + privateFile + ": " + e);
        }
        return new KeyPair(publicKey, privateKey);
    }

    /**
     * Writes a new key pair: the private key to {@code privateFile} (created 0600, never overwritten) and the public
     * key to {@code privateFile}.pub.
     *
     * @return the public key file
     */
    public static Path generate(Path privateFile) throws KeyException {
        Path publicFile = publicFileOf(privateFile);
        for (Path file : new Path[] {privateFile, publicFile}) {
            if (Files.exists(file)) {
                throw new KeyException(file + " exists already; a key is never overwritten (move it away or choose"
                        + " another name)");
            }
        }
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new KeyException("this JVM cannot make Ed25519 keys (" + e + "); use Java 17 or later");
        }
        try {
            Files.write(
                    privateFile,
                    pem(PRIVATE_PEM, pair.getPrivate().getEncoded()),
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            restrictToOwner(privateFile);
            Files.write(publicFile, pem(PUBLIC_PEM, pair.getPublic().getEncoded()), StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new KeyException(e.getFile() + " exists already; a key is never overwritten");
        } catch (IOException e) {
            throw new KeyException("cannot write the key pair: " + e);
        }
        return publicFile;
    }

    /** Where {@link #generate} puts the public key of {@code privateFile}. */
    public static Path publicFileOf(Path privateFile) {
        return privateFile.resolveSibling(privateFile.getFileName() + ".pub");
    }

    /**
     * A short name of a public key that checkpoints carry, so that a verifier tells "signed by another key" from
     * "forged": {@code ed25519:} and the first 16 hex digits of the SHA-256 of its X.509 encoding.
     */
    public static String keyId(PublicKey key) {
        try {
            byte[] sum = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return "ed25519:" + HexFormat.of().formatHex(sum, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(
                    file, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
    }

    private static byte[] read(Path file, String what) throws KeyException {
        if (Files.isDirectory(file)) {
            throw new KeyException("the " + what + " " + file + " is a directory, not a key file");
        }
        try {
            byte[] content = Files.readAllBytes(file);
            if (content.length == 0) {
                throw new KeyException("the " + what + " " + file + " is empty");
            }
            return content;
        } catch (NoSuchFileException e) {
            throw new KeyException("the " + what + " " + file + " does not exist (working directory "
                    + Path.of("").toAbsolutePath() + "); make a key pair with: java -jar toolgate-agent.jar audit"
                    + " keygen FILE");
        } catch (AccessDeniedException e) {
            throw new KeyException("the " + what + " " + file + " cannot be read by user "
                    + System.getProperty("user.name") + " (permission denied)");
        } catch (IOException e) {
            throw new KeyException("the " + what + " " + file + " cannot be read: " + e);
        }
    }

    /** The DER bytes of a PEM block of {@code label}, or the content itself when it is not PEM. */
    private static byte[] der(byte[] content, String label, Path file) throws KeyException {
        String text = new String(content, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + label + "-----";
        int start = text.indexOf(begin);
        if (start < 0) {
            if (text.contains("-----BEGIN ")) {
                throw new KeyException(file + " holds a PEM block other than '" + begin + "'; the checkpoint keys"
                        + " are Ed25519 keys as audit keygen writes them");
            }
            return content;
        }
        int end = text.indexOf("-----END " + label + "-----", start);
        if (end < 0) {
            throw new KeyException(file + ": the PEM block '" + begin + "' has no END line");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
        } catch (IllegalArgumentException e) {
            throw new KeyException(file + ": the PEM block is not valid base64 (" + e.getMessage() + ")");
        }
    }

    private static byte[] pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return ("-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
