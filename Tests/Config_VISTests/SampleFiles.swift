import Foundation
import Testing

/// The real ELVIS/vison sample files shared by the project (not copied into the repository).
/// They sit in `shared/vis-samples` next to the worktrees; `VIS_SAMPLES` points elsewhere.
enum SampleFiles {
    static var folder: URL {
        if let path = ProcessInfo.processInfo.environment["VIS_SAMPLES"] {
            return URL(fileURLWithPath: path)
        }
        // <work>/<worktree>/Tests/Config_VISTests/SampleFiles.swift → <work>/shared/vis-samples
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/vis-samples")
    }

    static func url(_ name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try #require(FileManager.default.fileExists(atPath: url.path),
                     "sample \(name) not found in \(folder.path); set VIS_SAMPLES")
        return url
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: url(name), encoding: .utf8)
    }

    /// A fresh temporary folder for files a test writes.
    static func scratchFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("Config_VISTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
