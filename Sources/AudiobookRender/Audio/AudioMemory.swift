internal import CEspeakNG

/// How the process's C heap treats audio buffers.
public enum AudioMemory {
    /// Audio buffers are large and freed on other threads than they were made on; by
    /// default glibc keeps such memory in per-thread heaps and raises its mmap threshold
    /// after each free, so a long render's memory would grow with the book. Fixing the
    /// threshold gives large buffers back to the system at once; one heap is enough.
    public static func releaseLargeBuffersEagerly() {
        mallopt(M_MMAP_THRESHOLD, 64 * 1024)
        mallopt(M_ARENA_MAX, 1)
    }

    /// Gives the pages the C heap holds free back to the system: called once the book has been
    /// read and attributed, whose working data (tokens, mentions) is garbage by the time audio
    /// is made, so that the render's buffers do not stack on top of it.
    public static func releaseUnusedMemory() {
        malloc_trim(0)
    }
}
