package io.flinkcertify.harness.fault;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A process for partition tests: {@code serve <port>} echoes bytes; {@code ping <port>} keeps one connection open and
 * prints {@code ok} or {@code timeout} for a ping every 200 ms, so a test sees an open connection being cut and healed.
 */
public final class PartitionPeer {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        if (args[0].equals("serve")) {
            try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
                System.out.println("listening");
                while (true) {
                    Socket s = server.accept();
                    Thread t = new Thread(() -> echo(s));
                    t.setDaemon(true);
                    t.start();
                }
            }
        }
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(500);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            int sent = 0;
            int received = 0;
            while (true) {
                out.write(++sent & 0x7f);
                out.flush();
                try {
                    while (received < sent) {
                        in.readByte();
                        received++;
                    }
                    System.out.println("ok");
                } catch (SocketTimeoutException e) {
                    System.out.println("timeout");
                }
                Thread.sleep(200);
            }
        }
    }

    private static void echo(Socket s) {
        try (s) {
            s.getInputStream().transferTo(s.getOutputStream());
        } catch (Exception ignored) {
            // the peer went away
        }
    }
}
