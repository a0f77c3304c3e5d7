package dev.toolgate.agent.audit.ship;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** Opens the connection to the collector: plain TCP, or TLS with host name verification. */
final class Connector {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** A small send buffer keeps what can be lost in a broken connection well inside the resend window. */
    private static final int SEND_BUFFER = 256 * 1024;

    private final ShipSettings settings;
    private final SSLSocketFactory tls;

    Connector(ShipSettings settings) throws IOException {
        this.settings = settings;
        this.tls = settings.tls() ? tlsFactory(settings) : null;
    }

    Socket connect() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setSendBufferSize(SEND_BUFFER);
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(settings.host(), settings.port()), CONNECT_TIMEOUT_MILLIS);
            if (tls == null) {
                return socket;
            }
            SSLSocket secure = (SSLSocket) tls.createSocket(socket, settings.host(), settings.port(), true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            secure.setSSLParameters(parameters);
            secure.startHandshake();
            return secure;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static SSLSocketFactory tlsFactory(ShipSettings settings) throws IOException {
        if (settings.truststore().isEmpty()) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try (InputStream in = Files.newInputStream(settings.truststore().get())) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, settings.truststorePassword().toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException(
                    "the trust store " + settings.truststore().get() + " (" + ShipSettings.TRUSTSTORE
                            + ") cannot be used: " + e.getMessage(),
                    e);
        }
    }
}
