package io.flinkcertify.harness.process;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable description of a JVM launch. Every {@code with...} returns a new command, so a base command
 * (classpath, JVM options of a target) can be shared by all the processes of a run and specialised per role.
 */
public final class JavaCommand {

    private final Path javaHome;
    private final List<Path> classpath;
    private final List<String> jvmOptions;
    private final Map<String, String> systemProperties;
    private final String mainClass;
    private final List<String> arguments;
    private final Path workingDirectory;
    private final Map<String, String> environment;

    private JavaCommand(Path javaHome, List<Path> classpath, List<String> jvmOptions,
                        Map<String, String> systemProperties, String mainClass, List<String> arguments) {
        this(javaHome, classpath, jvmOptions, systemProperties, mainClass, arguments, null, Map.of());
    }

    private JavaCommand(Path javaHome, List<Path> classpath, List<String> jvmOptions,
                        Map<String, String> systemProperties, String mainClass, List<String> arguments,
                        Path workingDirectory, Map<String, String> environment) {
        this.javaHome = javaHome;
        this.classpath = List.copyOf(classpath);
        this.jvmOptions = List.copyOf(jvmOptions);
        // insertion order is kept so command lines stay readable and diffable
        this.systemProperties = Collections.unmodifiableMap(new LinkedHashMap<>(systemProperties));
        this.mainClass = mainClass;
        this.arguments = List.copyOf(arguments);
        this.workingDirectory = workingDirectory;
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /** A command running on the same JDK as the harness. */
    public static JavaCommand ofCurrentJvm() {
        return new JavaCommand(Path.of(System.getProperty("java.home")), List.of(), List.of(), Map.of(), null, List.of());
    }

    public JavaCommand withClasspath(List<Path> entries) {
        List<Path> cp = new ArrayList<>(classpath);
        cp.addAll(entries);
        return copy(cp, jvmOptions, systemProperties, mainClass, arguments);
    }

    public JavaCommand withJvmOptions(List<String> options) {
        List<String> opts = new ArrayList<>(jvmOptions);
        opts.addAll(options);
        return copy(classpath, opts, systemProperties, mainClass, arguments);
    }

    public JavaCommand withSystemProperty(String key, String value) {
        Map<String, String> props = new LinkedHashMap<>(systemProperties);
        props.put(key, Objects.requireNonNull(value, key));
        return copy(classpath, jvmOptions, props, mainClass, arguments);
    }

    public JavaCommand withMainClass(String main) {
        return copy(classpath, jvmOptions, systemProperties, main, arguments);
    }

    public JavaCommand withArguments(List<String> args) {
        List<String> all = new ArrayList<>(arguments);
        all.addAll(args);
        return copy(classpath, jvmOptions, systemProperties, mainClass, all);
    }

    /** Where the process starts (some embedded servers put their files under the working directory). */
    public JavaCommand withWorkingDirectory(Path dir) {
        return new JavaCommand(javaHome, classpath, jvmOptions, systemProperties, mainClass, arguments, dir, environment);
    }

    /** Environment variables added to the harness's own. */
    public JavaCommand withEnvironment(Map<String, String> variables) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putAll(variables);
        return new JavaCommand(javaHome, classpath, jvmOptions, systemProperties, mainClass, arguments, workingDirectory, env);
    }

    public java.util.Optional<Path> workingDirectory() {
        return java.util.Optional.ofNullable(workingDirectory);
    }

    public Map<String, String> environment() {
        return environment;
    }

    private JavaCommand copy(List<Path> cp, List<String> opts, Map<String, String> props, String main, List<String> args) {
        return new JavaCommand(javaHome, cp, opts, props, main, args, workingDirectory, environment);
    }

    public String mainClass() {
        return mainClass;
    }

    public List<Path> classpath() {
        return classpath;
    }

    public String systemProperty(String key) {
        return systemProperties.get(key);
    }

    public List<String> jvmOptions() {
        return jvmOptions;
    }

    public Map<String, String> systemProperties() {
        return systemProperties;
    }

    public List<String> arguments() {
        return arguments;
    }

    public JavaCommand withSystemProperties(Map<String, String> properties) {
        Map<String, String> props = new LinkedHashMap<>(systemProperties);
        props.putAll(properties);
        return copy(classpath, jvmOptions, props, mainClass, arguments);
    }

    /** The argv handed to the OS, no shell in between (so no quoting issues). */
    public List<String> argv() {
        if (mainClass == null) {
            throw new IllegalStateException("no main class set");
        }
        List<String> argv = new ArrayList<>();
        argv.add(javaHome.resolve("bin").resolve("java").toString());
        argv.addAll(jvmOptions);
        systemProperties.forEach((k, v) -> argv.add("-D" + k + "=" + v));
        if (!classpath.isEmpty()) {
            argv.add("-cp");
            argv.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        }
        argv.add(mainClass);
        argv.addAll(arguments);
        return argv;
    }
}
