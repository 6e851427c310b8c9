import Foundation
import Synchronization

/// One recursive lock per file on disk, shared by every handle opened on it: CFITSIO shares a
/// single internal structure (buffers, position) between the handles of one file, so two
/// threads must not use them at the same time, while different files proceed in parallel.
enum FileLocks {
    private static let locks = Mutex<[String: NSRecursiveLock]>([:])

    /// The lock of the file at `path` (symbolic links and relative paths resolved, so two
    /// spellings of one file share a lock).
    static func lock(for path: String) -> NSRecursiveLock {
        let key = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
        return locks.withLock { table in
            if let lock = table[key] { return lock }
            let lock = NSRecursiveLock()
            table[key] = lock
            return lock
        }
    }
}

extension NSRecursiveLock {
    func holding<R>(_ body: () throws -> R) rethrows -> R {
        lock()
        defer { unlock() }
        return try body()
    }
}
