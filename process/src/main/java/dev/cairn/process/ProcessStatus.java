package dev.cairn.process;

/**
 * What a process manager reports about one process.
 *
 * @param name the instance
 * @param state such as {@code READY}, {@code RUNNING}, {@code WAITING}, {@code BACKOFF}, {@code
 *     FAILED}, {@code STOPPED}, {@code COMPLETED}
 * @param pid its PID, or null when not running
 * @param restarts how often the supervisor restarted it
 * @param message why it failed or what it waits for, or null
 */
public record ProcessStatus(String name, String state, Long pid, int restarts, String message) {}
