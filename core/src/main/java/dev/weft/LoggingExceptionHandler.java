package dev.weft;

/** The default {@link ExceptionHandler}: a WARNING on the {@code dev.weft} system logger. */
enum LoggingExceptionHandler implements ExceptionHandler {
    INSTANCE;

    @Override
    public void handle(Loop loop, String message, Throwable error) {
        System.Logger logger = Logger.INSTANCE;
        if (error == null) {
            logger.log(System.Logger.Level.WARNING, "[" + loop.name() + "] " + message);
        } else {
            logger.log(System.Logger.Level.WARNING, "[" + loop.name() + "] " + message, error);
        }
    }

    /** Found on first use: looking up a logger costs milliseconds a loop should not pay. */
    private static final class Logger {
        static final System.Logger INSTANCE = System.getLogger("dev.weft");
    }
}
