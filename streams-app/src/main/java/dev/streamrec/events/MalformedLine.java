package dev.streamrec.events;

import java.util.Objects;

/**
 * A line of an input file that could not be parsed and was skipped.
 *
 * @param file       the file name (without directory), e.g. {@code u.data}
 * @param lineNumber the 1-based line number within that file
 * @param reason     why the line was rejected, for a human reader
 * @param content    the line itself, cut to at most {@value #MAX_CONTENT} characters
 */
public record MalformedLine(String file, long lineNumber, String reason, String content) {
    /** The longest prefix of a bad line that is kept. */
    public static final int MAX_CONTENT = 200;

    public MalformedLine {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(content, "content");
        if (content.length() > MAX_CONTENT) {
            content = content.substring(0, MAX_CONTENT);
        }
    }

    @Override
    public String toString() {
        return file + ":" + lineNumber + ": " + reason + " [" + content + "]";
    }
}
