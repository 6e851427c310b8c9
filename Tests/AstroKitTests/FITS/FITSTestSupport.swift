import Foundation
@testable import AstroKit

/// A fresh folder under the system temporary directory, removed by `cleanUp()`.
struct ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("astrokit-fits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    var contents: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.sorted() ?? []
    }

    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

/// Runs `fitsverify -q` when it is on PATH; nil when it is not installed.
enum FITSVerify {
    static func run(_ path: String) throws -> (warnings: Int, errors: Int, output: String)? {
        let search = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        guard let tool = search.map({ "\($0)/fitsverify" })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-q", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        // "verification OK: f" or "verification FAILED: f, 3 warnings and 15 errors".
        if output.contains("verification OK") { return (0, 0, output) }
        let numbers = output.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard output.contains("warnings and"), numbers.count >= 2 else { return (-1, -1, output) }
        return (numbers[numbers.count - 2], numbers[numbers.count - 1], output)
    }
}
