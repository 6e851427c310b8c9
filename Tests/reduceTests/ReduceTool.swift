import CAMFixture
import Foundation
import TestTools

/// Runs the built `reduce` / `reduce-cam` executables from the tests, in a scratch folder
/// holding small CAM frames.
struct ReduceTool {
    typealias Outcome = ToolRunner.Outcome

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
        process.executableURL = ToolRunner.executable(tool)
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

    /// Runs to completion (at most `timeout` seconds) in the scratch folder.
    func run(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60) throws -> Outcome {
        var env: [String: String?] = ["ASTROKIT_RECIPE_PATH": nil]
        for (k, v) in environment { env[k] = v }
        return try ToolRunner.run(tool, arguments, timeout: timeout, currentDirectory: folder, environment: env)
    }

    /// File names in a folder of the scratch area, sorted (empty when it does not exist).
    func listing(_ name: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url(name).path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }
}
