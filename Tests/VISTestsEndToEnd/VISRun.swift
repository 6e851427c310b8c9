import Foundation
import TestTools
import VISSimulator

/// Simulates a small VIS test with vissim's library and runs the built `reduce` on it, in a
/// scratch folder, returning the parsed `<TEST>_results.json`.
struct VISRun: Sendable {
    /// Immutable once made; the parsed JSON (`Any`) is only read, so sharing it between the
    /// tests of a suite is safe.
    struct Outcome: @unchecked Sendable {
        let status: Int32
        let stdout: String
        let stderr: String
        let output: URL
        let results: [String: Any]?

        /// The per-quadrant values of a CCD ("CCD1") and quadrant ("E").
        func quadrant(_ ccd: String, _ q: String) -> [String: Any] {
            ((results?["ccds"] as? [String: Any])?[ccd] as? [String: Any])?[q] as? [String: Any] ?? [:]
        }
        var flags: [String: String] { results?["flags"] as? [String: String] ?? [:] }
        var compliance: [[String: Any]] { results?["compliance"] as? [[String: Any]] ?? [] }
    }

    let folder: URL
    var data: URL { folder.appendingPathComponent("data") }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("vistests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// Simulates `test` on small frames into `data/` (or a sub-folder).
    func simulate(_ test: String, ccds: [Int] = [1], frames: Int? = nil, seed: UInt64 = 3, into sub: String = "data",
                  block: String = "EINSTEIN",
                  firstObsID: Int = 1000, start: Date = SimulationRequest.campaignStart) throws -> SimulationResult {
        var request = SimulationRequest(test: test, outputDirectory: folder.appendingPathComponent(sub))
        request.size = .small
        request.ccds = ccds
        request.framesPerLevel = frames
        request.seed = seed
        request.block = block
        request.firstObsID = firstObsID
        request.start = start
        return try Simulator.run(request)
    }

    /// Runs `reduce RECIPE --files FILES -o out` with the block configured as EINSTEIN.
    func reduce(_ recipe: String, files: [URL], extra: [String] = [], name: String = "out") throws -> Outcome {
        let output = folder.appendingPathComponent(name)
        let arguments = [recipe, "--files"] + files.map(\.path)
            + ["-o", output.path, "--work-dir", folder.appendingPathComponent("work-\(name)").path, "--quiet"] + extra
        let run = try ToolRunner.run("reduce", arguments, timeout: 600, environment: [
            "ASTROKIT_RECIPE_PATH": nil, "ASTROKIT_EXPLOG": nil, "ASTROKIT_BLOCKID": "EINSTEIN",
        ])
        let json = output.appendingPathComponent("\(recipe)/\(recipe)_results.json")
        let results = (try? Data(contentsOf: json)).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        return Outcome(status: run.status, stdout: run.stdout, stderr: run.stderr, output: output, results: results)
    }
}

func number(_ value: Any?) -> Double { (value as? NSNumber)?.doubleValue ?? .nan }
