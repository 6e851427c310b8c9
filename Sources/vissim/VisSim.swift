import ArgumentParser
import Config_VIS
import Foundation
import Recipes_VIS
import VISSimulator

@main
struct VisSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vissim",
        abstract: "Simulate a Euclid VIS calibration test with known truth.",
        discussion: """
            Writes, for the campaign test TEST as its test definition describes it, one raw FITS \
            file per CCD and exposure (EUC_<ObsID>_<DDMMYY>D_<hhmmss>T_ROE1_CCD<n>.fits), the \
            exposure log (EXP_LOG_<DDMMYY>.txt, ELVIS 7.5.X), one housekeeping file per exposure \
            (HK_<ObsID>_..._ROE1.txt) and truth.json with every parameter and the values the \
            calibration tests should measure. The same seed gives the same files.

            Simulated tests: bias, dark and flat acquisitions, e.g. BIAS01, BIAS02, DARK01, FLAT01, \
            FLAT02_730, PTC01, PTC02_590, NL02, COSMETICS00.

            Examples:
              vissim BIAS01 --out /tmp/bias --size small
              vissim PTC01 --out /tmp/ptc --ccds 1 --frames-per-level 2 --seed 7 --brighter-fatter
              vissim NL02 --out /tmp/nl --nonlinearity --chamber CHAMBER_B_BORN --block BORN
              vissim DARK01 --out /tmp/dark --truth /tmp/dark-truth.json --no-cosmics
            """)

    @Argument(help: "Campaign test name, as in the exposure log (e.g. PTC01).")
    var test: String

    @Option(help: "Output folder (created if needed).")
    var out: String

    @Option(help: "CCDs to simulate, comma-separated.")
    var ccds = "1,2,3"

    @Option(help: "Frames per acquisition column instead of the test definition's counts.")
    var framesPerLevel: Int?

    @Option(help: "full (4238 x 4172) or small (256 x 258 image per quadrant, same pre/overscans).")
    var size = "full"

    @Option(help: "Random seed: every parameter and pixel follows from it.")
    var seed: UInt64 = 1

    @Option(help: "Where to write the truth (default OUT/truth.json).")
    var truth: String?

    @Option(help: "Block whose nominal offsets to use (e.g. EINSTEIN); offsets are drawn per quadrant otherwise.")
    var block: String?

    @Option(help: "Chamber profile for exposure times and shutter.")
    var chamber = "CHAMBER_B_EINSTEIN"

    @Option(help: "First ObsID.")
    var firstObsid = 1000

    @Option(help: "Start of the first exposure, ISO 8601 (default 2018-06-04T09:00:00Z, or 'now').")
    var start: String?

    @Option(help: "CCD temperature in the log and HK files, °C.")
    var temperature = -120.0

    @Option(help: "PRNU rms, fraction (0.01 = 1 %).")
    var prnu = 0.01

    @Flag(help: "Apply the known non-linearity curve (in truth.json).")
    var nonlinearity = false

    @Flag(help: "Apply brighter-fatter charge sharing between neighbours.")
    var brighterFatter = false

    @Flag(help: "No cosmic rays in long exposures.")
    var noCosmics = false

    @Flag(help: "No hot pixels.")
    var noHotPixels = false

    @Flag(help: "No bad columns.")
    var noBadColumns = false

    @Flag(help: "No PRNU (a perfectly uniform response).")
    var noPrnu = false

    @Flag(help: "Print the mean time to render and to write one frame.")
    var timing = false

    @Option(name: .customLong("scale-light"), help: "OBSID=FACTOR: scale the light of one exposure, log unchanged (a lamp or shutter glitch); repeatable.")
    var scaleLight: [String] = []

    @Flag(help: "Leave exposure time and optical settings out of the FITS headers (they stay in the log).")
    var sparseHeader = false

    func run() throws {
        var request = SimulationRequest(test: test, outputDirectory: URL(fileURLWithPath: out))
        request.ccds = try ccds.split(separator: ",").map { text in
            guard let n = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--ccds takes numbers such as 1,2,3, not '\(text)'")
            }
            return n
        }
        guard let frameSize = FrameSize(rawValue: size) else {
            throw ValidationError("--size is full or small, not '\(size)'")
        }
        request.size = frameSize
        request.framesPerLevel = framesPerLevel
        request.seed = seed
        request.truthFile = truth.map { URL(fileURLWithPath: $0) }
        request.block = block
        request.chamber = chamber
        request.firstObsID = firstObsid
        request.ccdTemperature = temperature
        request.sparseHeader = sparseHeader
        for item in scaleLight {
            let parts = item.split(separator: "=")
            guard parts.count == 2, let obsid = Int(parts[0]), let factor = Double(parts[1]), factor >= 0 else {
                throw ValidationError("--scale-light takes OBSID=FACTOR with a factor >= 0, not '\(item)'")
            }
            request.illuminationScale[obsid] = factor
        }
        if let start {
            if start == "now" {
                request.start = Date()
            } else if let date = ISO8601DateFormatter().date(from: start) {
                request.start = date
            } else {
                throw ValidationError("--start takes an ISO 8601 date such as 2018-06-04T09:00:00Z or 'now'")
            }
        }
        var physics = PhysicsOptions()
        physics.nonLinearity = nonlinearity
        physics.brighterFatter = brighterFatter
        physics.cosmicRays = !noCosmics
        physics.hotPixels = !noHotPixels
        physics.badColumns = !noBadColumns
        physics.prnu = !noPrnu
        physics.prnuRMS = prnu
        request.physics = physics

        let began = Date()
        let result = try Simulator.run(request)
        let seconds = Date().timeIntervalSince(began)
        print("\(result.truth.test): \(result.frames.count) frames, \(result.exposureLogs.count) exposure log(s), "
              + "\(result.housekeeping.count) HK files in \(out) (\(String(format: "%.1f", seconds)) s)")
        print("truth: \(result.truthFile.path)")
        if timing, !result.renderSeconds.isEmpty {
            let render = result.renderSeconds.reduce(0, +) / Double(result.renderSeconds.count)
            let write = result.writeSeconds.reduce(0, +) / Double(result.writeSeconds.count)
            let cpu = result.renderCPUSeconds.reduce(0, +) / Double(result.renderCPUSeconds.count)
            print(String(format: "per frame: render %.3f s (%.3f CPU s), write %.3f s (mean of %d)",
                         render, cpu, write, result.renderSeconds.count))
        }
    }
}
