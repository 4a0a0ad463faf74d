package io.fastjukebox.app.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Entry point of the {@code fastjukebox} command. Errors are one line on stderr and a non-zero exit
 * code (1 for a failed command, 2 for bad usage); {@code --verbose} adds the stack trace.
 */
public final class Main {
    /** Exit code of a command that failed. */
    static final int FAILED = 1;
    /** Exit code of a command line that could not be parsed. */
    static final int USAGE = 2;

    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /** Runs one command line; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        // Before any logger or DJL class exists: quiet libraries unless asked, and draw PNGs without a display.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        if (!verbose) {
            // On machines without CUDA, DJL warns once per probe; `info` explains the device instead.
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        CommandLine cli = new CommandLine(new FastJukeboxCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parsed) -> {
            err.println("fastjukebox: error: " + describe(ex));
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return FAILED;
        });
        cli.setParameterExceptionHandler((ex, strings) -> {
            CommandLine c = ex.getCommandLine();
            err.println("fastjukebox: " + ex.getMessage());
            err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return USAGE;
        });
        return cli.execute(args);
    }

    /** The message of an exception, or its class name when it has none. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException nsf) {
            return nsf.getFile() + ": no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException ade) {
            return ade.getFile() + ": permission denied";
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
