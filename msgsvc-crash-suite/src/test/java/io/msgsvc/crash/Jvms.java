package io.msgsvc.crash;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts the suites' nodes in JVMs of their own, on the test's class path, each writing to a log file. */
final class Jvms {
    private Jvms() {}

    static Process start(Path log, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** SIGKILL: no shutdown hook, no close, nothing flushed; returns once the JVM is gone. */
    static void kill(Process node) throws InterruptedException {
        node.destroyForcibly().waitFor();
    }
}
