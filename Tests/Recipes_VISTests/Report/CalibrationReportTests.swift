import AstroKit
import Foundation
import Recipes_VIS
import Reports
import Testing

/// The report sections of FLAT01, PTC01 and NL02 against their product contracts, on results
/// and tables written here (those recipes are built elsewhere): what is drawn follows from the
/// numbers put in, and each page renders in headless Chromium.
@Suite struct CalibrationReportTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("calreport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    static let quadrants = ["E", "F", "G", "H"]
    static let gains = [3.2, 3.3, 3.4, 3.5]

    /// PTC points: 10 pairs x 4 tiles per quadrant, variance = μ/g + 1.5² + 1e-7 μ² with a
    /// tile-to-tile spread of ±1 %; the last pair is past the bloom and left out of the fit.
    func writePTC() throws -> [String: Any] {
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("PTC01"), withIntermediateDirectories: true)
        var ccd: [Int32] = [], quadrant: [String] = [], pair: [Int32] = [], tile: [Int32] = []
        var mean: [Double] = [], variance: [Double] = [], pixels: [Int32] = [], used: [Bool] = []
        var ccds: [String: Any] = [:]
        for (qi, q) in Self.quadrants.enumerated() {
            let g = Self.gains[qi]
            for p in 0..<10 {
                let mu = 500 * pow(2, Double(p))
                for t in 0..<4 {
                    ccd.append(1); quadrant.append(q); pair.append(Int32(p)); tile.append(Int32(t))
                    mean.append(mu)
                    variance.append((mu / g + 2.25 + 1e-7 * mu * mu) * (1 + 0.01 * Double(t - 2)))
                    pixels.append(10_000); used.append(p < 9)
                }
            }
            ccds[q] = ["gain": g, "gain_err": 0.01, "alpha": 1e-7, "intercept": 2.25, "bloom_adu": 200_000.0, "her": 0.001,
                       "npoints": 36, "quality": q == "H" ? "BADFIT" : "0", "fit": [1e-7, 1 / g, 2.25]]
        }
        try FITSWriter.write(to: folder.appendingPathComponent("PTC01/PTC01_points.fits").path) { w in
            try w.addPrimary()
            try w.addBinaryTable([TableColumn(name: "CCD", .int32s(ccd)), TableColumn(name: "QUADRANT", .strings(quadrant, width: 1)),
                                  TableColumn(name: "PAIR", .int32s(pair)), TableColumn(name: "TILE", .int32s(tile)),
                                  TableColumn(name: "MEAN", .doubles(mean)), TableColumn(name: "VARIANCE", .doubles(variance)),
                                  TableColumn(name: "PIXELS", .int32s(pixels)), TableColumn(name: "USED", .bools(used))], extname: "PTC_POINTS")
        }
        return results("PTC01", ccds: ["CCD1": ccds])
    }

    func results(_ test: String, ccds: [String: Any], compliance: [[String: Any]] = []) -> [String: Any] {
        ["test": test, "inputs": ["files": [], "obsids": [2000, 2001, 2039]], "structure": ["consistent": true, "messages": []],
         "flags": [:] as [String: String], "ccds": ccds, "compliance": compliance, "products": []]
    }

    func render(_ test: String, _ results: [String: Any]) throws -> (html: String, page: RasterImage, figures: Int) {
        let document = VISReport(VISReportInput(test: test, results: results, productFolder: folder)).document()
        let html = document.render()
        let url = folder.appendingPathComponent("\(test)_report.html")
        try html.write(to: url, atomically: true, encoding: .utf8)
        let png = folder.appendingPathComponent("\(test)_report.png")
        try HeadlessBrowser.find().screenshot(html: url, to: png, width: 1280, height: 2600)
        keepScreenshot(png)
        return (html, try RasterImage.readPNG(png.path), document.figureCount)
    }

    /// ASTROKIT_REPORT_SCREENSHOTS=DIR keeps a copy of each screenshot there, to look at.
    func keepScreenshot(_ png: URL) {
        guard let dir = ProcessInfo.processInfo.environment["ASTROKIT_REPORT_SCREENSHOTS"], !dir.isEmpty else { return }
        let target = URL(fileURLWithPath: dir).appendingPathComponent(png.lastPathComponent)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: target)
        try? FileManager.default.copyItem(at: png, to: target)
    }

    static func count(_ text: String, in html: String) -> Int { html.components(separatedBy: text).count - 1 }

    static func inkFraction(_ image: RasterImage) -> Double {
        Double(image.count { r, g, b, _ in r < 245 || g < 245 || b < 245 }) / Double(image.width * image.height)
    }

    @Test func ptcReportHasTheGainTableAndACurveWithFitAndResidualsPerQuadrant() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (html, page, figures) = try render("PTC01", try writePTC())
        // One log-axes chart for the CCD, one linear chart with residuals per quadrant.
        #expect(figures == 5)
        #expect(Self.count("<figure>", in: html) == 5 && Self.count("<svg ", in: html) == 5)
        #expect(HTMLDocument.externalReferences(in: html).isEmpty)
        #expect(html.contains("<td>3.200 ± 0.01000</td>") && html.contains("<td>3.500 ± 0.01000</td>"))
        #expect(html.contains("<td class=\"fail\">BADFIT</td>"))
        #expect(html.contains("data − fit [%]") && html.contains("variance [ADU²]") && html.contains("mean signal [ADU]"))
        // Each quadrant's chart: 9 pairs used and 1 left out, in the PTC and in the residuals,
        // plus two legend markers.
        let quadrantChart = try #require(html.components(separatedBy: "<figure>").first { $0.contains("CCD1 E: gain 3.200 e-/ADU") })
        #expect(Self.count("<circle", in: quadrantChart) == 22)
        // Residuals of the exact model are 0 % for the mean of the tiles (their spread averages out).
        #expect(Self.inkFraction(page) > 0.05, "\(Self.inkFraction(page))")
        #expect(page.count { r, g, b, _ in (r, g, b) == (0, 114, 178) } > 50)
    }

    @Test func ptcReportSaysSoWhenThePointsTableIsMissing() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        var results = try writePTC()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("PTC01/PTC01_points.fits"))
        results["flags"] = ["BADFIT": "CCD1 H: the fit did not converge"]
        let document = VISReport(VISReportInput(test: "PTC01", results: results, productFolder: folder)).document()
        let html = document.render()
        #expect(document.figureCount == 0)
        #expect(html.contains("No PTC points table (PTC01/PTC01_points.fits) among the products: curves not drawn."))
        #expect(html.contains("<td class=\"fail\">BADFIT</td><td>A fit did not converge or is of poor quality.</td><td>CCD1 H: the fit did not converge</td>"))
    }

    @Test func flatReportHasPRNUPerLevelAndEachMasterFlatWithItsHistogram() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("FLAT01"), withIntermediateDirectories: true)
        for label in ["COL1", "COL2"] {
            // A 1 % gradient and a dead column.
            var values = [Float](repeating: 1, count: 200 * 100)
            for y in 0..<100 { for x in 0..<200 { values[y * 200 + x] = 0.99 + 0.02 * Float(x) / 200 } }
            for y in 0..<100 { values[y * 200 + 50] = 0 }
            try FITSWriter.write(to: folder.appendingPathComponent("FLAT01/EUC_MASTERFLAT_\(label)_CCD1.fits").path) { w in
                try w.addPrimary()
                try w.addImage(PixelArray(shape: [200, 100], values: values), extname: "FLAT")
            }
        }
        var ccds: [String: Any] = [:]
        for (i, q) in Self.quadrants.enumerated() {
            ccds[q] = ["levels": [["label": "COL1", "fluence_adu": 25_000.0, "prnu_pc": 0.8 + 0.1 * Double(i)],
                                  ["label": "COL2", "fluence_adu": 50_000.0, "prnu_pc": 0.7]]]
        }
        let (html, page, figures) = try render("FLAT01", results("FLAT01", ccds: ["CCD1": ccds]))
        #expect(figures == 4 && Self.count("<svg ", in: html) == 4)
        #expect(html.contains("Level COL1: PRNU [%] (and mean fluence)") && html.contains("Level COL2: PRNU [%] (and mean fluence)"))
        #expect(html.contains("<td>0.9000<br><small>fluence 25000 ADU</small></td>"))
        #expect(html.contains("master flat COL1 CCD1") && html.contains("data:image/png;base64,"))
        // 100 of the 20000 pixels are 0: outside the histogram (±4 robust sigma about 1).
        #expect(html.contains("pixels (100 outside)"))
        #expect(HTMLDocument.externalReferences(in: html).isEmpty)
        #expect(Self.inkFraction(page) > 0.05)
    }

    @Test func nonLinearityReportDrawsEachSourceAndListsTheModel() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("NL02"), withIntermediateDirectories: true)
        var ccd: [Int32] = [], quadrant: [String] = [], fluence: [Double] = [], nl: [Double] = [], role: [String] = []
        var ccds: [String: Any] = [:]
        for q in Self.quadrants {
            for i in 1...8 {
                for r in ["A", "B"] {
                    let f = Double(i) * 7000 + (r == "B" ? 3000 : 0)
                    ccd.append(1); quadrant.append(q); fluence.append(f); nl.append(-2e-5 * f / 10 + 1e-10 * f * f); role.append(r)
                }
            }
            ccds[q] = ["max_nl_pc": 0.42, "nl_model": [0.0, -2e-6, 1e-10], "stability_pc": 0.05]
        }
        try FITSWriter.write(to: folder.appendingPathComponent("NL02/NL02_points.fits").path) { w in
            try w.addPrimary()
            try w.addBinaryTable([TableColumn(name: "CCD", .int32s(ccd)), TableColumn(name: "QUADRANT", .strings(quadrant, width: 1)),
                                  TableColumn(name: "FLUENCE", .doubles(fluence)), TableColumn(name: "NL_PC", .doubles(nl)),
                                  TableColumn(name: "ROLE", .strings(role, width: 1))], extname: "NL_POINTS")
        }
        let (html, page, figures) = try render("NL02", results("NL02", ccds: ["CCD1": ccds]))
        #expect(figures == 1)
        // 4 quadrants x 2 sources x 8 points, and one legend marker per series.
        let chart = try #require(html.components(separatedBy: "<figure>").dropFirst().first)
        #expect(Self.count("<circle", in: chart) == 64 + 8)
        #expect(html.contains("<td>0.4200</td><td>0.05000</td><td>0, -2.000e-06, 1.000e-10</td>"))
        #expect(html.contains("open markers: B."))
        #expect(Self.inkFraction(page) > 0.03)
    }

    @Test func summaryLinesGiveTheGainTableForPTC01() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = VISReportInput(test: "PTC01", results: try writePTC(), productFolder: folder)
        let lines = VISSummary.lines(input, report: "PTC01/PTC01_report.html")
        #expect(lines[1] == "gain [e-/ADU]          E         F         G         H")
        #expect(lines[2] == "  CCD1             3.200     3.300     3.400     3.500")
        #expect(lines.last == "report: {output}/PTC01/PTC01_report.html")
    }
}
