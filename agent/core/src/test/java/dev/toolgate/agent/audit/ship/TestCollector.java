package dev.toolgate.agent.audit.ship;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ServerSocketFactory;

/**
 * A collector on a loopback port that keeps every message it reads: JSON Lines (one per line) or octet-counted
 * syslog (RFC 6587). It can be stopped abruptly, losing what the kernel held for it, and started again.
 */
final class TestCollector implements AutoCloseable {

    private final ServerSocketFactory factory;
    private final boolean octetCounted;
    private final int port;
    private final List<String> messages = new ArrayList<>();
    private final List<Socket> connections = new ArrayList<>();
    private ServerSocket server;
    private volatile int accepted;

    TestCollector(ServerSocketFactory factory, boolean octetCounted) throws IOException {
        this.factory = factory;
        this.octetCounted = octetCounted;
        try (ServerSocket probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        }
        start();
    }

    int port() {
        return port;
    }

    int accepted() {
        return accepted;
    }

    synchronized List<String> messages() {
        return new ArrayList<>(messages);
    }

    synchronized void start() throws IOException {
        ServerSocket socket = factory.createServerSocket();
        socket.setReuseAddress(true);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                socket.bind(new InetSocketAddress("127.0.0.1", port));
                break;
            } catch (java.net.BindException closingConnectionsStillHoldThePort) {
                if (System.nanoTime() > deadline) {
                    throw closingConnectionsStillHoldThePort;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        }
        server = socket;
        Thread acceptor = new Thread(() -> acceptLoop(socket), "collector-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Closes the listener and every connection at once, as a collector that dies does. */
    synchronized void stop() throws IOException {
        server.close();
        for (Socket connection : connections) {
            try {
                connection.setSoLinger(true, 0); // reset: what the kernel still held is lost
            } catch (IOException alreadyClosed) {
                // its reader closed it
            }
            connection.close();
        }
        connections.clear();
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                synchronized (this) {
                    connections.add(connection);
                    accepted++;
                }
                Thread reader = new Thread(() -> read(connection), "collector-read");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void read(Socket connection) {
        try (InputStream in = connection.getInputStream()) {
            DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in));
            while (true) {
                String message = octetCounted ? readFrame(data) : readLine(data);
                if (message == null) {
                    return;
                }
                synchronized (this) {
                    messages.add(message);
                }
            }
        } catch (IOException closed) {
            // stopped
        }
    }

    private static String readLine(DataInputStream in) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return null;
    }

    private static String readFrame(DataInputStream in) throws IOException {
        int length = 0;
        for (int b; (b = in.read()) != ' '; ) {
            if (b < 0) {
                return null;
            }
            if (b < '0' || b > '9') {
                throw new IOException("not an octet count: " + (char) b);
            }
            length = length * 10 + (b - '0');
        }
        byte[] message = new byte[length];
        try {
            in.readFully(message);
        } catch (EOFException cut) {
            return null;
        }
        return new String(message, StandardCharsets.UTF_8);
    }
}
