#if canImport(Glibc)
import Glibc
#endif

/// One utterance's samples, collected in memory that is mapped once and reused.
///
/// A synthesis worker speaks every unit in a freshly forked child. Had each child
/// collected its samples in new arrays, it would fault in (and zero) fresh pages
/// for every second of audio it makes. This store is a shared anonymous mapping
/// made in the worker before it forks: each child writes into the same pages,
/// which stay in place from one child to the next. An utterance longer than the
/// mapping moves to a larger, private one.
final class SampleStore {
    private var base: UnsafeMutablePointer<Int16>
    private var capacity: Int
    private var isMapped: Bool
    /// Samples held now.
    private(set) var count = 0

    /// A store for `capacity` samples (16 M samples, about 12 minutes at 22050 Hz, by default).
    init(capacity: Int = 1 << 24) {
        self.capacity = capacity
        let mapping = mmap(nil, capacity * 2, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0)
        if let mapping, mapping != MAP_FAILED {
            base = mapping.bindMemory(to: Int16.self, capacity: capacity)
            isMapped = true
        } else {
            base = .allocate(capacity: capacity)
            isMapped = false
        }
    }

    deinit { release() }

    /// Forgets the samples held (the memory stays).
    func removeAll() { count = 0 }

    func append(_ samples: UnsafeBufferPointer<Int16>) {
        guard let source = samples.baseAddress, !samples.isEmpty else { return }
        if count + samples.count > capacity {
            var larger = capacity * 2
            while count + samples.count > larger { larger *= 2 }
            let moved = UnsafeMutablePointer<Int16>.allocate(capacity: larger)
            moved.update(from: base, count: count)
            release()
            base = moved
            capacity = larger
            isMapped = false
        }
        (base + count).update(from: source, count: samples.count)
        count += samples.count
    }

    /// The samples held, valid until the next change.
    var samples: UnsafeBufferPointer<Int16> { UnsafeBufferPointer(start: base, count: count) }

    private func release() {
        if isMapped { munmap(base, capacity * 2) } else { base.deallocate() }
    }
}
