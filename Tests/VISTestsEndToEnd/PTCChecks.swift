import AstroKit
import Config_VIS
import Foundation
import TestTools
import Testing
import VISSimulator

/// What every PTC0X end-to-end test checks of a run: per-quadrant results against the truth,
/// the products and their formats.
enum PTCChecks {
    static let quadrantKeys = ["gain", "gain_err", "alpha", "intercept", "bloom_adu", "her", "npoints", "quality", "fit"]

    /// Simulates a small PTC0X test (a request the caller may adjust) into `run.folder/data`.
    static func simulate(_ run: VISRun, _ test: String, frames: Int? = nil, seed: UInt64,
                         adjust: (inout SimulationRequest) -> Void = { _ in }) throws -> SimulationResult {
        var request = SimulationRequest(test: test, outputDirectory: run.data)
        request.size = .small
        request.ccds = [1]
        request.framesPerLevel = frames
        request.seed = seed
        request.block = "EINSTEIN"
        adjust(&request)
        return try Simulator.run(request)
    }

    /// Every quadrant: the results carry every key; the gain lies within 3 gain_err of the
    /// truth (and within `tolerance`), gain_err is a plausible 0.2-5 % for small frames, the
    /// fit's linear term is 1/gain, and POOR_FIT is set exactly when gain_err/gain > 1.1 %.
    static func checkGains(_ outcome: VISRun.Outcome, _ sim: SimulationResult, tolerance: Double) throws {
        let truth = try #require(sim.truth.ccd(1))
        for q in Quadrant.allCases {
            let m = outcome.quadrant("CCD1", q.rawValue)
            #expect(Set(m.keys).isSuperset(of: quadrantKeys), "\(q): \(m.keys.sorted())")
            let t = try #require(truth.quadrant(q)).gain
            let gain = number(m["gain"]), err = number(m["gain_err"])
            print("PTC \(sim.truth.test) \(q): gain \(gain) ± \(err) (truth \(t), \((gain - t) / t * 100) %), npoints \(number(m["npoints"]))")
            #expect(abs(gain - t) < 3 * err, "\(q): gain \(gain) ± \(err), truth \(t)")
            #expect(abs(gain - t) / t < tolerance, "\(q): gain \(gain), truth \(t)")
            #expect(err / gain > 0.002 && err / gain < 0.05, "\(q): gain_err \(err)")
            let fit = try #require(m["fit"] as? [Any])
            #expect(fit.count == 3)
            #expect(abs(number(fit[1]) * gain - 1) < 1e-9)
            #expect(abs(number(fit[0]) + number(m["alpha"])) < 1e-15)
            #expect(abs(number(fit[2]) - number(m["intercept"])) < 1e-9)
            let quality = try #require(m["quality"] as? [String])
            #expect(quality.contains("POOR_FIT") == (err / gain > 0.011), "\(q): \(quality), gain_err/gain \(err / gain)")
            #expect(!quality.contains("FIT_FAILED"))
            // The simulator has no serial CTI: no hard-edge tail.
            #expect(abs(number(m["her"])) < 1.5e-3)
        }
        let poor = Quadrant.allCases.filter { (outcome.quadrant("CCD1", $0.rawValue)["quality"] as? [String])?.isEmpty == false }
        #expect((outcome.flags["PTC_QUALITY"] != nil) == !poor.isEmpty)
    }

    /// The products named in the results exist and pass fitsverify; the gain table holds the
    /// results' gains; the points table has one row per point, and its USED rows per quadrant
    /// are the fit's npoints.
    static func checkProducts(_ outcome: VISRun.Outcome, test: String, sim: SimulationResult) throws {
        let products = try #require(outcome.results?["products"] as? [[String: String]])
        for kind in ["GAIN_TABLE", "PTC_POINTS_FITS", "PTC_POINTS_CSV", "TABLE_FITS", "TABLE_CSV"] {
            #expect(products.contains { $0["kind"] == kind }, "\(kind) missing from \(products)")
        }
        #expect(products.contains { $0["kind"] == "GAIN_TABLE" && $0["path"] == "\(test)/EUC_GAIN_TB.fits" })
        let folder = outcome.output.appendingPathComponent(test)
        for name in ["EUC_GAIN_TB.fits", "\(test)_points.fits", "\(test)_quadrants.fits"] {
            let path = folder.appendingPathComponent(name).path
            #expect(FileManager.default.fileExists(atPath: path), "\(name)")
            if let text = try ToolRunner.fitsverify(path) { #expect(text.contains("verification OK"), "\(name): \(text)") }
        }
        let table = try VISGainTableProduct.read(folder.appendingPathComponent("EUC_GAIN_TB.fits").path)
        #expect(table.test == test)
        #expect(table.rows.count == 4)
        let serial = try #require(sim.truth.ccd(1)).serial
        for row in table.rows {
            let m = outcome.quadrant("CCD\(row.ccd)", row.quadrant.rawValue)
            // The JSON keeps ~15 significant digits.
            #expect(abs(row.gain / number(m["gain"]) - 1) < 1e-12 && abs(row.gainError / number(m["gain_err"]) - 1) < 1e-12)
            #expect(row.ccdSerial == serial)
        }
        let file = try FITSFile.open(folder.appendingPathComponent("\(test)_points.fits").path)
        guard case .strings(let quadrants) = try file.readColumn(hdu: 1, name: "QUADRANT"),
              case .strings(let ccds) = try file.readColumn(hdu: 1, name: "CCD"),
              case .integers(let used) = try file.readColumn(hdu: 1, name: "USED") else {
            Issue.record("the points table's columns have unexpected types"); return
        }
        #expect(Set(ccds) == ["CCD1"])
        for column in ["PAIR", "TILE", "MEAN", "VARIANCE", "PIXELS"] { _ = try file.readColumn(hdu: 1, name: column) }
        for q in Quadrant.allCases {
            let n = zip(quadrants, used).filter { $0.0 == q.rawValue && $0.1 == 1 }.count
            #expect(Double(n) == number(outcome.quadrant("CCD1", q.rawValue)["npoints"]), "\(q): \(n) used rows")
        }
        let csv = try String(contentsOf: folder.appendingPathComponent("\(test)_points.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("CCD,QUADRANT,PAIR,TILE,MEAN,VARIANCE,PIXELS,USED\n"))
        #expect(csv.split(separator: "\n").count == quadrants.count + 1)
    }
}
