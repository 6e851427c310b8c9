import AstroKit
import Foundation

/// What a VIS test report is built from: the test's `<TEST>_results.json` (the contract every
/// VIS test writes), the run's ledger (scan statistics, housekeeping, compliance), its steps,
/// the frames, and the folder where its products are (FITS images and tables are read from
/// there). The report never recomputes a result: it shows what the products hold.
///
/// ```swift
/// let input = try VISReportInput(test: "PTC01", results: json, productFolder: staging)
/// let html = VISReport(input).document().render()
/// ```
public struct VISReportInput: @unchecked Sendable {
    /// One input frame as the report lists it.
    public struct Frame: Sendable {
        public var file: String
        public var obsid: Int
        public var ccd: Int
        public var exposureTime: Double
        /// From the exposure log; nil when the log has no date for it.
        public var date: Date?

        public init(file: String, obsid: Int, ccd: Int, exposureTime: Double, date: Date?) {
            self.file = file
            self.obsid = obsid
            self.ccd = ccd
            self.exposureTime = exposureTime
            self.date = date
        }
    }

    public var test: String
    /// The parsed results JSON (read only).
    public var results: [String: Any]
    public var productFolder: URL
    public var ledger = MeasurementLedger()
    public var steps: [StepRecord] = []
    public var frames: [Frame] = []
    public var exposureLogs: [String] = []
    /// Frames set aside by the checks, with the reason.
    public var excludedFiles: [String: String] = [:]
    public var software = "\(ProductFiles.software) \(ProductFiles.softwareVersion)"

    public init(test: String, results: [String: Any], productFolder: URL) {
        self.test = test
        self.results = results
        self.productFolder = productFolder
    }

    /// Reads `<folder>/<TEST>/<TEST>_results.json`.
    public static func readResults(test: String, folder: URL) throws -> [String: Any] {
        let url = folder.appendingPathComponent("\(test)/\(test)_results.json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw VISStepError("\(url.path): no results to report on (storeProducts writes them before writeReport)")
        }
        guard let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw VISStepError("\(url.path): the results are not a JSON object")
        }
        return json
    }

    // MARK: reading the results JSON

    var flags: [String: String] { results["flags"] as? [String: String] ?? [:] }

    /// results["ccds"][CCD][Q], CCDs in order.
    var quadrants: [(ccd: String, quadrant: String, values: [String: Any])] {
        guard let ccds = results["ccds"] as? [String: Any] else { return [] }
        var out: [(String, String, [String: Any])] = []
        for ccd in ccds.keys.sorted() {
            guard let qs = ccds[ccd] as? [String: Any] else { continue }
            for q in ["E", "F", "G", "H"] { if let v = qs[q] as? [String: Any] { out.append((ccd, q, v)) } }
        }
        return out
    }

    var ccdNames: [String] { Array(Set(quadrants.map(\.ccd))).sorted() }

    var compliance: [[String: Any]] { results["compliance"] as? [[String: Any]] ?? [] }

    var products: [[String: String]] {
        (results["products"] as? [[String: Any]] ?? []).map { $0.compactMapValues { $0 as? String } }
    }

    /// Product paths of a kind ("MASTER_BIAS", "DARK_MASK"), by CCD.
    func products(kind: String) -> [(ccd: String, path: String)] {
        products.filter { $0["kind"] == kind }.compactMap { p in p["path"].map { (p["ccd"] ?? "", $0) } }
    }

    func url(_ product: String) -> URL { productFolder.appendingPathComponent(product) }

    /// A number of the results (NSNumber), NaN for null or absent.
    static func number(_ value: Any?) -> Double { (value as? NSNumber)?.doubleValue ?? .nan }
}
