package dev.toolgate.agent.sandbox.advice;

import dev.toolgate.bootstrap.SandboxBridge;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import net.bytebuddy.asm.Advice;

/**
 * Connections and servers, at {@code sun.nio.ch}: {@code Net.connect} and {@code Net.bind} serve {@code Socket},
 * {@code SocketChannel}, asynchronous channels, datagram channels ({@code DatagramSocket} is one underneath) and so
 * the JDK's HTTP client and {@code URLConnection}; each sees the address already resolved.
 */
public final class NetworkAdvice {

    private NetworkAdvice() {}

    /** {@code Net.connect(ProtocolFamily, FileDescriptor, InetAddress, int)}. */
    public static final class Connect {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(2) InetAddress address, @Advice.Argument(3) int port) {
            SandboxBridge.connect(address, port, "socket connect");
        }
    }

    /** {@code Net.bind(ProtocolFamily, FileDescriptor, InetAddress, int)}: a fixed port is a server. */
    public static final class Bind {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(2) InetAddress address, @Advice.Argument(3) int port) {
            SandboxBridge.bind(address, port, "socket bind");
        }
    }

    /** Listening sockets on an ephemeral port: {@code ServerSocket}, server socket channels. */
    public static final class Listen {
        @Advice.OnMethodEnter
        static void enter(@Advice.Origin("#t.#m") String how) {
            SandboxBridge.listen(null, 0, how);
        }
    }

    /** {@code DatagramChannelImpl.send(FileDescriptor, ByteBuffer, InetSocketAddress)}: unconnected datagrams. */
    public static final class DatagramSend {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(2) InetSocketAddress target) {
            if (target != null) {
                SandboxBridge.connect(target.getAddress(), target.getPort(), "datagram send");
            }
        }
    }

    /** {@code UnixDomainSockets.connect(FileDescriptor, Path)}. */
    public static final class LocalConnect {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(1) Object path) {
            SandboxBridge.connectLocal(path, "unix domain socket connect");
        }
    }
}
