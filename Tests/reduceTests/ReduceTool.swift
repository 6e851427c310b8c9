import CAMFixture
import Foundation

/// Runs the built `reduce` / `reduce-cam` executables from the tests, in a scratch folder
/// holding small CAM frames.
struct ReduceTool {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The folder holding the test binary also holds the package's executables.
    static func executable(_ name: String) -> URL {
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

    let folder: URL
    let tool: String

    /// A fresh scratch folder with flats (levels 1000, 1100, 1300) and two biases.
    init(tool: String = "reduce-cam") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("reduce-\(UUID().uuidString)")
        self.tool = tool
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (i, level) in [1000, 1100, 1300].enumerated() {
            try CAMFrames.write(folder, name: "flat\(i + 1).fits", obstype: "FLAT", level: Float(level))
        }
        for i in 1...2 { try CAMFrames.write(folder, name: "bias\(i).fits", obstype: "BIAS", level: Float(100 + i)) }
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    func process(_ arguments: [String], environment: [String: String] = [:]) -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = Self.executable(tool)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env["ASTROKIT_RECIPE_PATH"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        return (process, out, err)
    }

    /// Runs to completion (at most `timeout` seconds).
    func run(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60) throws -> Outcome {
        let (process, out, err) = process(arguments, environment: environment)
        try process.run()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline { process.terminate(); break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.waitUntilExit()
        group.wait()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }

    /// File names in a folder of the scratch area, sorted (empty when it does not exist).
    func listing(_ name: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url(name).path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }
}
