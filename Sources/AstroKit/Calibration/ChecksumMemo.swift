import Foundation
import Synchronization

/// SHA-256 of calibration files, computed once per process per file state: the key is the
/// file's inode, size and modification time, so rewriting a file (which changes its
/// modification time) makes it hashed again. A master of a full VIS CCD is 70 MB; hashing it
/// at every look-up of every frame would dominate a reduction.
enum ChecksumMemo {
    struct FileState: Hashable {
        var path: String
        var inode: UInt64
        var size: UInt64
        var modified: Double
    }

    private static let table = Mutex<[FileState: String]>([:])

    static func state(of path: String) -> FileState? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (attributes[.size] as? NSNumber)?.uint64Value,
              let modified = attributes[.modificationDate] as? Date else { return nil }
        let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        return FileState(path: path, inode: inode, size: size, modified: modified.timeIntervalSince1970)
    }

    /// The checksum of the file as it is now (hashed only when its state is new to this process).
    static func checksum(_ path: String) throws -> String {
        guard let state = state(of: path) else {
            throw CalibrationDatabaseError.unreadable(path: path, reason: "the file cannot be examined")
        }
        if let known = table.withLock({ $0[state] }) { return known }
        let sum = try CalibrationDatabase.checksum(path)
        table.withLock { $0[state] = sum }
        return sum
    }
}
