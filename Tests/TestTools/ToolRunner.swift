import Foundation

/// Runs the built command-line tools from the tests, with a time limit so a hang fails the
/// test instead of stalling the suite. Shared by every test target that runs a built tool.
///
/// ```swift
/// let outcome = try ToolRunner.run("adinfo", ["gain", path], timeout: 60)
/// #expect(outcome.status == 0)
/// ```
public enum ToolRunner {
    public struct Outcome: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var timedOut: Bool
    }

    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The folder holding the test binary also holds the package's executables.
    public static func executable(_ name: String) -> URL {
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            packageRoot.appendingPathComponent(".build/debug"),
        ].compactMap { $0 }
        for folder in candidates {
            let url = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return packageRoot.appendingPathComponent(".build/debug/\(name)")
    }

    /// The shared FITS corpus (`ASTROKIT_FITS_CORPUS` or ../shared/fits-corpus).
    public static var corpus: URL {
        if let path = ProcessInfo.processInfo.environment["ASTROKIT_FITS_CORPUS"] {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fits-corpus")
    }

    /// Runs a built tool to completion (at most `timeout` seconds; then it is terminated and
    /// `timedOut` is set). `environment` entries are added to (or, when nil, removed from) the
    /// test process's environment.
    public static func run(_ tool: String, _ arguments: [String], timeout: TimeInterval = 300,
                           currentDirectory: URL? = nil, environment: [String: String?] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = executable(tool)
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        if !environment.isEmpty {
            var env = ProcessInfo.processInfo.environment
            for (key, value) in environment { env[key] = value }
            process.environment = env
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Drain both pipes while the process runs so a large output cannot block it.
        nonisolated(unsafe) var outData = Data(), errData = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                timedOut = true
                break
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.waitUntilExit()
        group.wait()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self), timedOut: timedOut)
    }

    /// What `fitsverify -q` says of a file ("verification OK: ..." when it finds no warning and
    /// no error), or nil when fitsverify is not installed (scripts/install-dependencies does).
    public static func fitsverify(_ path: String) throws -> String? {
        let verifier = "/usr/bin/fitsverify"
        guard FileManager.default.isExecutableFile(atPath: verifier) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: verifier)
        process.arguments = ["-q", path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }
}
