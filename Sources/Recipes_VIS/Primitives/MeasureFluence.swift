import AstroKit
import Config_VIS
import Dispatch
import Foundation
import Synchronization

/// Measures the light each frame received, per CCD and quadrant, into the ledger table
/// `fluence` (keys `file`, `obsid`, `ccd`, `quadrant`, `column`; values `fluence`, `exptime`,
/// `relative_fluence` (the column's planned % of 2^16 ADU, when it has one), `n_saturated`).
/// Generic for every flat-field test (FLAT0X, PTC0X, NL0X): the column is the acquisition
/// column of the test structure the frame belongs to (``FrameColumns``).
///
/// `fluence` = median of the image area (vison's trims, rows of the readout window) minus the
/// median of the prescan (canonical columns 25..45). Pixels at 0 (lost) are left out; pixels
/// at 65535 stay in, so a saturated flat measures at its ceiling rather than at the few
/// pixels below it. [quirk] vison measures against the overscan (VIS.md 8.5), which carries
/// the serial charge-transfer tail of the image; the prescan holds only the bias.
///
/// Frames already measured (a resumed run, or a second call) are not read again.
public struct MeasureFluence: Primitive {
    public let name = "measureFluence"
    public let summary = "Fluence (image median above the prescan median) per frame and quadrant, per structure column"
    public let parameters: [ParameterDeclaration] = []
    public init() {}
    public static let table = "fluence"

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let state = try VISRunState.load(context)
        let test = try state.requireTest()
        let datasets = context.stream()
        guard !datasets.isEmpty else { throw VISStepError("measureFluence: no frames to measure") }
        let frames = try datasets.map { try VISFrame($0) }
        let columns = try FrameColumns.assign(datasets, test: test)
        let measured = Set(context.ledger.rows(Self.table).compactMap { $0.keys["file"] })
        let todo = frames.indices.filter { !measured.contains(frames[$0].fileName) }
        // Flat tests' scan pass already took these medians from the same pixels (ScanStatistics
        // Options.fluenceMedians): those frames are not read again.
        let scanned = Self.fromScanStatistics(context.ledger)
        let results = Mutex([Int: Result<[Quadrant: (Double, Int)], any Error>]())
        for i in todo { if let known = scanned[frames[i].fileName] { results.withLock { $0[i] = .success(known) } } }
        let reads = todo.filter { scanned[frames[$0].fileName] == nil }
        let done = Mutex(0)
        let log = context.log
        DispatchQueue.concurrentPerform(iterations: reads.count) { k in
            let frame = frames[reads[k]]
            let outcome = Result { try Self.measure(frame) }
            results.withLock { $0[reads[k]] = outcome }
            let n = done.withLock { $0 += 1; return $0 }
            log.progress("fluence", done: n, total: reads.count)
        }
        let all = results.withLock { $0 }
        for i in todo {
            let frame = frames[i]
            let quadrants = try all[i]!.get()
            let column = columns[frame.fileName]
            for q in Quadrant.allCases {
                var values: [String: Double] = ["fluence": quadrants[q]!.0, "exptime": frame.exposureTime,
                                                "n_saturated": Double(quadrants[q]!.1)]
                if let r = column?.relativeFluence { values["relative_fluence"] = r }
                context.ledger.record(Self.table, keys: ["file": frame.fileName, "obsid": String(frame.obsid),
                                                         "ccd": String(frame.ccd), "quadrant": q.rawValue,
                                                         "column": column?.label ?? "none"],
                                      values: values)
            }
        }
    }

    /// Per file, the four quadrants' (fluence, saturated pixels) the scan pass measured.
    static func fromScanStatistics(_ ledger: MeasurementLedger) -> [String: [Quadrant: (Double, Int)]] {
        var out: [String: [Quadrant: (Double, Int)]] = [:]
        for row in ledger.rows(ScanStatistics.table) {
            guard let file = row.keys["file"], let q = row.keys["quadrant"].flatMap(Quadrant.init(rawValue:)),
                  let fluence = row.values["fluence_median"], let saturated = row.values["n_saturated_img"] else { continue }
            out[file, default: [:]][q] = (fluence, Int(saturated))
        }
        return out.filter { $0.value.count == Quadrant.allCases.count }
    }

    /// Per quadrant: (fluence in ADU above the prescan, pixels at 65535 in the image area).
    /// The frame is read as its raw 16-bit counts and the medians come from a histogram of
    /// them (exact, numpy's convention for an even count), one pass, no sorting, no copy.
    static func measure(_ frame: VISFrame) throws -> [Quadrant: (Double, Int)] {
        let raw = try frame.readRaw()
        let g = frame.geometry
        var histogram = [Int](repeating: 0, count: 65536)
        var out: [Quadrant: (Double, Int)] = [:]
        for q in Quadrant.allCases {
            let image = Self.histogramMedian(raw, q, g, columns: g.trimmedImage, rows: frame.imageWindowRows, histogram: &histogram)
            let saturated = histogram[65535]
            let prescan = Self.histogramMedian(raw, q, g, columns: g.trimmedPrescan, rows: frame.imageWindowRows, histogram: &histogram)
            out[q] = (image - prescan, saturated)
        }
        return out
    }

    /// The median of a canonical region of a quadrant, lost pixels (0) left out; NaN when
    /// none is valid. `histogram` (65536 counts) is scratch, left holding the region's counts.
    static func histogramMedian(_ raw: PixelArray<UInt16>, _ q: Quadrant, _ g: VISGeometry, columns: Range<Int>,
                                rows: Range<Int>, histogram: inout [Int]) -> Double {
        let whole = g.quadrant(q).whole
        let w = g.quadrantWidth, h = g.quadrantHeight
        // Canonical ranges map to contiguous file ranges, reversed on the flipped sides.
        let xs = q.flipsX ? (whole.x0 + w - columns.upperBound)..<(whole.x0 + w - columns.lowerBound)
                          : (whole.x0 + columns.lowerBound)..<(whole.x0 + columns.upperBound)
        let ys = q.flipsY ? (whole.y0 + h - rows.upperBound)..<(whole.y0 + h - rows.lowerBound)
                          : (whole.y0 + rows.lowerBound)..<(whole.y0 + rows.upperBound)
        FluenceMedian.reset(&histogram)
        histogram.withUnsafeMutableBufferPointer { counts in
            raw.values.withUnsafeBufferPointer { v in
                for y in ys {
                    let row = y * raw.width
                    for x in xs { counts[Int(v[row + x])] += 1 }
                }
            }
        }
        return FluenceMedian(histogram: histogram).median
    }
}

/// Which acquisition column of the test structure each frame belongs to, from the exposure
/// log rows of the frames walked through the structure as ``CheckStructure`` walks them
/// (``StructureValidator``), so a short or overfull column does not shift the later ones.
public enum FrameColumns {
    /// File name → column, for every frame the log places in a column.
    public static func assign(_ datasets: [AstroData], test: String,
                              chamber: String = "CHAMBER_B_EINSTEIN") throws -> [String: AcquisitionColumn] {
        let definition = try TestCatalog(chamber: chamber).definition(test)
        let log = try CheckStructure.exposureLog(for: datasets)
        let names = Set(datasets.compactMap(\.fileName))
        func stem(_ name: String) -> String { name.hasSuffix(".fits") ? String(name.dropLast(5)) : name }
        let stems = Set(names.map(stem))
        let rows = StructureValidator.select(log.rows, test: test).filter { stems.contains($0.fileName) }
        guard let first = datasets.first, let frame = try? VISFrame(first) else { return [:] }
        let validation = StructureValidator(definition: definition, frameGeometry: frame.geometry).validate(rows)
        var byObsID: [Int: AcquisitionColumn] = [:]
        for report in validation.columns {
            guard let column = definition.column(report.label) else { continue }
            for obsid in report.obsids { byObsID[obsid] = column }
        }
        var out: [String: AcquisitionColumn] = [:]
        for row in rows {
            if let column = byObsID[row.obsid] { out[row.fileName + ".fits"] = column; out[row.fileName] = column }
        }
        return out
    }
}
