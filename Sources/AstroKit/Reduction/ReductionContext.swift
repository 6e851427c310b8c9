import Foundation

/// Everything a reduction carries from step to step: named streams of datasets (`main` and
/// others), lists by purpose, the measurement ledger, products, flags, compliance results, the
/// calibration look-up, provenance and the log.
///
/// Primitives change streams only through `setStream` / `transform`, so the runner knows which
/// outputs a step touched; measuring primitives use `measure` and leave the streams unchanged.
///
/// ```swift
/// try context.transform { frame in try frame * 2 }            // main stream, one by one
/// try context.measure { frame in
///     context.ledger.record("levels", keys: ["file": frame.stem], values: ["mean": 1000])
/// }
/// context.addToList("flats", context.stream())
/// ```
public final class ReductionContext {
    public private(set) var streams: [String: [AstroData]]
    public private(set) var lists: [String: [AstroData]] = [:]
    public var ledger = MeasurementLedger()
    public var flags: [String: String] = [:]
    public var compliance: [ComplianceResult] = []
    /// Small named pieces of state that later steps read (an instrument's record of how frames
    /// are to be prepared, the test being run...), as text (usually JSON). They are
    /// checkpointed with the rest, so declarative steps survive a resume without any dataset
    /// being rewritten.
    public var settings: [String: String] = [:]
    public private(set) var products: [Product] = []
    public internal(set) var provenance: [ProvenanceRecord] = []
    /// Every primitive run so far, in order, with its parameters and duration (what a report
    /// lists under "recipe steps"); kept across resumes.
    public internal(set) var steps: [StepRecord] = []
    /// Lines `reduce` prints when the run ends (key numbers, flags, failures, report path):
    /// set by the configuration's last steps, so the command itself knows no instrument.
    public var summary: [String] = []
    public let log: ReductionLog
    public let calibrations: (any CalibrationLookup)?
    /// Where products wait until the run succeeds.
    public let stagingFolder: URL
    /// The dataset being processed, named in the error when a step fails.
    public var currentFile: String?
    /// Streams replaced during the current step.
    var touchedStreams: Set<String> = []
    /// How many times each stream ("list:NAME" for lists) was replaced, and the content
    /// checksums last computed for one generation: each dataset state is hashed once.
    var generations: [String: Int] = [:]
    var checksumMemo: [String: (generation: Int, checksums: [String])] = [:]

    public init(inputs: [AstroData], log: ReductionLog, stagingFolder: URL,
                calibrations: (any CalibrationLookup)? = nil) {
        self.streams = ["main": inputs]
        self.log = log
        self.stagingFolder = stagingFolder
        self.calibrations = calibrations
    }

    /// The datasets of a stream (empty when it does not exist).
    public func stream(_ name: String = "main") -> [AstroData] { streams[name] ?? [] }

    public var streamNames: [String] { streams.keys.sorted() }

    /// Replaces a stream (creating it); the step's provenance is recorded in these datasets.
    public func setStream(_ name: String = "main", _ datasets: [AstroData]) {
        streams[name] = datasets
        touchedStreams.insert(name)
        generations[name, default: 0] += 1
    }

    /// Content checksums of the datasets of a stream or list ("list:NAME"), as they are now.
    func checksums(of key: String) throws -> [String] {
        let generation = generations[key, default: 0]
        if let memo = checksumMemo[key], memo.generation == generation { return memo.checksums }
        let datasets = key.hasPrefix("list:") ? getList(String(key.dropFirst(5))) : stream(key)
        let checksums = try datasets.map { try $0.recordChecksum() }
        checksumMemo[key] = (generation, checksums)
        return checksums
    }

    /// Removes a stream.
    public func clearStream(_ name: String) {
        streams[name] = nil
        touchedStreams.remove(name)
        generations[name, default: 0] += 1
    }

    /// Maps every dataset of a stream, one at a time (naming it in errors and showing progress),
    /// and replaces the stream only when all succeeded.
    public func transform(_ name: String = "main", _ body: (AstroData) throws -> AstroData) throws {
        let inputs = stream(name)
        var outputs: [AstroData] = []
        for (index, dataset) in inputs.enumerated() {
            currentFile = dataset.fileName
            outputs.append(try body(dataset))
            log.progress(name, done: index + 1, total: inputs.count)
        }
        currentFile = nil
        setStream(name, outputs)
    }

    /// Visits every dataset of a stream without changing it (for measuring primitives).
    public func measure(_ name: String = "main", _ body: (AstroData) throws -> Void) throws {
        let inputs = stream(name)
        for (index, dataset) in inputs.enumerated() {
            currentFile = dataset.fileName
            try body(dataset)
            log.progress(name, done: index + 1, total: inputs.count)
        }
        currentFile = nil
    }

    /// Appends datasets to the list kept for a purpose (e.g. "forStack"), replacing any with the
    /// same file name.
    public func addToList(_ purpose: String, _ datasets: [AstroData]) {
        var list = lists[purpose, default: []]
        for dataset in datasets {
            list.removeAll { $0.fileName == dataset.fileName }
            list.append(dataset)
        }
        lists[purpose] = list
        generations["list:" + purpose, default: 0] += 1
    }

    public func getList(_ purpose: String) -> [AstroData] { lists[purpose] ?? [] }


    /// A processed calibration for a dataset, from the run's calibration look-up.
    public func calibration(_ kind: String, for dataset: AstroData) throws -> AstroData? {
        try calibrations?.calibration(kind, for: dataset)
    }

    /// A processed calibration that the step cannot do without: the error says why none was
    /// found (the database lists the closest near misses).
    public func requireCalibration(_ kind: String, for dataset: AstroData) throws -> AstroData {
        guard let calibrations else {
            throw CalibrationLookupError.noMatch("no \(kind) for \(dataset.fileName ?? "the dataset"): the run has no calibration database")
        }
        if let found = try calibrations.calibration(kind, for: dataset) { return found }
        throw CalibrationLookupError.noMatch(calibrations.explainMiss(kind, for: dataset)
            ?? "no \(kind) matches \(dataset.fileName ?? "the dataset")")
    }

    /// Writes a dataset product to the staging folder (moved to the output folder at the end).
    public func writeProduct(_ dataset: AstroData, name: String, summary: String) throws {
        try dataset.write(to: stagingFolder.appendingPathComponent(name).path, overwrite: true)
        addProduct(Product(name: name, summary: summary))
    }

    /// Writes a text product (CSV, JSON, report) to the staging folder.
    public func writeProduct(text: String, name: String, summary: String) throws {
        let url = stagingFolder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
        addProduct(Product(name: name, summary: summary))
    }

    /// Writes a product through `body`, which receives the staging path (its folder created),
    /// for files a dataset cannot describe: multi-extension products, binary tables. `name` may
    /// contain folders (`BIAS01/master.fits`); they are kept in the output folder.
    public func writeProduct(name: String, summary: String, _ body: (String) throws -> Void) throws {
        let url = stagingFolder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try body(url.path)
        addProduct(Product(name: name, summary: summary))
    }

    func addProduct(_ product: Product) {
        products.removeAll { $0.name == product.name }
        products.append(product)
    }

    func restore(_ state: ContextState, streams: [String: [AstroData]], lists: [String: [AstroData]]) {
        self.streams = streams
        self.lists = lists
        generations = [:]
        checksumMemo = [:]
        ledger = state.ledger
        flags = state.flags
        compliance = state.compliance
        products = state.products
        provenance = state.provenance
        settings = state.settings ?? [:]
        steps = state.steps ?? []
        summary = state.summary ?? []
    }

    /// The parts of the context that are not datasets, as the checkpoint stores them.
    var state: ContextState {
        ContextState(ledger: ledger, flags: flags, compliance: compliance, products: products, provenance: provenance,
                     settings: settings, steps: steps, summary: summary)
    }
}

struct ContextState: Codable {
    var ledger: MeasurementLedger
    var flags: [String: String]
    var compliance: [ComplianceResult]
    var products: [Product]
    var provenance: [ProvenanceRecord]
    /// Optional so that checkpoints written before settings existed still load.
    var settings: [String: String]?
    /// Optional for the same reason.
    var steps: [StepRecord]?
    var summary: [String]?
}
