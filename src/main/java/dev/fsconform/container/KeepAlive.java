package dev.fsconform.container;

/**
 * Keeps a container of someone else's image running without relying on its shell or sleep: the staged
 * Java runtime runs this as the entrypoint, for at most the given number of seconds.
 */
public final class KeepAlive {
    private KeepAlive() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.parseLong(args.length == 0 ? "3600" : args[0]) * 1000);
    }
}
