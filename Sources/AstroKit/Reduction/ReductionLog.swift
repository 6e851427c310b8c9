import Foundation

/// The log of a run: messages indented by nesting (recipe > sub-recipe > primitive), to
/// standard error and optionally to a file, plus a progress bar for long steps when standard
/// error is a terminal.
///
/// ```swift
/// let log = ReductionLog(verbosity: .normal, file: URL(fileURLWithPath: "reduce.log"))
/// log.status("RECIPE makeFlat")
/// log.nested { log.info("3 inputs") }
/// ```
public final class ReductionLog: @unchecked Sendable {
    public enum Level: Int, Sendable, Comparable {
        case debug = 0, info, status, warning, error
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
        var prefix: String {
            switch self {
            case .warning: return "WARNING - "
            case .error: return "ERROR - "
            default: return ""
            }
        }
    }

    public enum Verbosity: Sendable { case quiet, normal, verbose }

    private let lock = NSLock()
    private let consoleLevel: Level
    private let fileHandle: FileHandle?
    private let console: (String) -> Void
    private let isTerminal: Bool
    public private(set) var depth = 0
    private var progressShown = false
    private var stepStart = Date()
    /// Everything logged, for tests and for the checkpoint's step log.
    public private(set) var lines: [String] = []

    /// - Parameter console: where console lines go (standard error by default).
    public init(verbosity: Verbosity = .normal, file: URL? = nil,
                console: ((String) -> Void)? = nil) throws {
        consoleLevel = verbosity == .quiet ? .warning : verbosity == .verbose ? .debug : .info
        if let file {
            if !FileManager.default.fileExists(atPath: file.path) {
                _ = FileManager.default.createFile(atPath: file.path, contents: nil)
            }
            guard let handle = FileHandle(forWritingAtPath: file.path) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: file.path])
            }
            handle.seekToEndOfFile()
            fileHandle = handle
        } else {
            fileHandle = nil
        }
        self.console = console ?? { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        isTerminal = console == nil && isatty(2) == 1
    }

    public func log(_ level: Level, _ message: String) {
        lock.lock(); defer { lock.unlock() }
        let indent = String(repeating: "   ", count: depth)
        let text = message.split(separator: "\n", omittingEmptySubsequences: false)
            .map { indent + level.prefix + $0 }.joined(separator: "\n")
        lines.append(text)
        if level >= consoleLevel {
            if progressShown { clearProgress() }
            console(text)
        }
        if let fileHandle {
            let stamp = ISO8601DateFormatter().string(from: Date())
            fileHandle.write(Data("\(stamp) \(text)\n".utf8))
        }
    }

    public func debug(_ message: String) { log(.debug, message) }
    public func info(_ message: String) { log(.info, message) }
    public func status(_ message: String) { log(.status, message) }
    public func warning(_ message: String) { log(.warning, message) }
    public func error(_ message: String) { log(.error, message) }

    /// Runs `body` one nesting level deeper.
    public func nested<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock(); depth += 1; lock.unlock()
        defer { lock.lock(); depth -= 1; lock.unlock() }
        return try body()
    }

    /// Marks the start of a primitive: progress appears only for steps running over a second.
    public func beginStep() {
        lock.lock(); stepStart = Date(); lock.unlock()
    }

    /// Shows `label [#####     ] done/total` on a terminal, once the step has run for a
    /// second; nothing otherwise.
    public func progress(_ label: String, done: Int, total: Int) {
        guard isTerminal, consoleLevel <= .info, total > 1 else { return }
        lock.lock(); defer { lock.unlock() }
        guard progressShown || Date().timeIntervalSince(stepStart) > 1 else { return }
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        FileHandle.standardError.write(Data("\r\(String(repeating: "   ", count: depth))\(label) [\(bar)] \(done)/\(total)".utf8))
        progressShown = done < total
        if !progressShown { clearProgress() }
    }

    private func clearProgress() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        progressShown = false
    }
}
