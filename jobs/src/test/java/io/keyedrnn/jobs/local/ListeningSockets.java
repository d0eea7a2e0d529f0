package io.keyedrnn.jobs.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets this JVM listens on, read from Linux's /proc (the kernel's own view, so nothing a
 * library reports about itself is taken on trust).
 */
final class ListeningSockets {
    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    static boolean available() {
        return Files.isReadable(Path.of("/proc/self/net/tcp"));
    }

    static Set<InetSocketAddress> ofThisProcess() throws IOException {
        Set<String> inodes = socketInodes();
        Set<InetSocketAddress> out = new HashSet<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.isReadable(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals(LISTEN) && inodes.contains(f[9])) {
                    out.add(address(f[1]));
                }
            }
        }
        return out;
    }

    private static Set<String> socketInodes() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return inodes;
    }

    /** "0100007F:1F90" (IPv4) or 32 hex digits:port (IPv6), each 32-bit word little-endian. */
    private static InetSocketAddress address(String hex) throws IOException {
        String[] parts = hex.split(":");
        String a = parts[0];
        byte[] bytes = new byte[a.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(a.substring(at, at + 2), 16);
            }
        }
        return new InetSocketAddress(
                InetAddress.getByAddress(bytes), Integer.parseInt(parts[1], 16));
    }
}
