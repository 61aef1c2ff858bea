package dev.weft;

/** The default {@link ExceptionHandler}: a WARNING on the {@code dev.weft} system logger. */
enum LoggingExceptionHandler implements ExceptionHandler {
    INSTANCE;

    private static final System.Logger LOGGER = System.getLogger("dev.weft");

    @Override
    public void handle(Loop loop, String message, Throwable error) {
        if (error == null) {
            LOGGER.log(System.Logger.Level.WARNING, "[" + loop.name() + "] " + message);
        } else {
            LOGGER.log(System.Logger.Level.WARNING, "[" + loop.name() + "] " + message, error);
        }
    }
}
