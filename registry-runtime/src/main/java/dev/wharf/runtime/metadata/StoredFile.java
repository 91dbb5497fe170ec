package dev.wharf.runtime.metadata;

/**
 * What recording a {@link NewFile} did.
 *
 * @param file the file as stored now
 * @param outcome whether it is new, the same as before, or replaced other content
 */
public record StoredFile(FileRecord file, Outcome outcome) {

    /** What happened to the path. */
    public enum Outcome {
        /** The path was new in the version (and the version may have been new too). */
        CREATED,
        /** The same content was already there; nothing changed. */
        UNCHANGED,
        /** Other content was there and was replaced. */
        REPLACED
    }
}
