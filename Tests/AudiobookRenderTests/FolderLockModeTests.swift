import Foundation
import Testing

@testable import AudiobookRender

@Suite("Folder locks of shards")
struct FolderLockModeTests {
    @Test("shards hold a folder together, each its own shard alone; a whole render is kept out while they do")
    func sharedAndExclusive() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let first = try FolderLock(folder: folder, shared: true)
            let second = try FolderLock(folder: folder, shared: true)
            let own = try FolderLock(folder: folder, name: "lock-shard-1-of-3")
            #expect(throws: FolderLock.LockError.self) { try FolderLock(folder: folder, name: "lock-shard-1-of-3") }
            let other = try FolderLock(folder: folder, name: "lock-shard-2-of-3")
            #expect(throws: FolderLock.LockError.self) { try FolderLock(folder: folder) }
            withExtendedLifetime((first, second, own, other)) {}
        }
        // Once the shards are done, the folder is free for a whole render, which then keeps shards out.
        let whole = try FolderLock(folder: folder)
        #expect(throws: FolderLock.LockError.self) { try FolderLock(folder: folder, shared: true) }
        withExtendedLifetime(whole) {}
    }
}
