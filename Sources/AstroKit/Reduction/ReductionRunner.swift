import Foundation

/// Runs a validated plan over its inputs: announces each step with its nesting, records
/// provenance, checkpoints after every top-level step, resumes an interrupted run, and moves
/// the products into the output folder only when the run succeeds.
///
/// ```swift
/// let runner = ReductionRunner(plan: plan, options: RunOptions(work: work, output: out), log: log)
/// let summary = try runner.run(inputs: datasets)
/// summary.products   // [".../reduce-out/flat1_flat.fits", ...]
/// ```
public struct ReductionRunner {
    public let plan: ReductionPlan
    public let options: RunOptions
    public let log: ReductionLog
    public let calibrations: (any CalibrationLookup)?

    public init(plan: ReductionPlan, options: RunOptions, log: ReductionLog,
                calibrations: (any CalibrationLookup)? = nil) {
        self.plan = plan
        self.options = options
        self.log = log
        self.calibrations = calibrations
    }

    /// - Returns: what ran and the products written.
    /// - Throws: `StepFailure` when a step fails (the output folder is left untouched),
    ///   `RunRangeError` for a `--from`/`--until` naming no step, or a checkpoint error.
    @discardableResult
    public func run(inputs: [AstroData]) throws -> RunSummary {
        let steps = plan.topLevelSteps
        let first = try options.from.map { try RunRangeError.index(of: $0, option: "--from", in: steps) } ?? 0
        let last = try options.until.map { try RunRangeError.index(of: $0, option: "--until", in: steps) } ?? steps.count - 1
        guard first <= last else { throw RunRangeError.emptyRange(from: steps[first].name, until: steps[last].name) }

        let key = try runKey(inputs)
        let store = try CheckpointStore(folder: options.work)
        let staging = options.work.appendingPathComponent("staging")
        let storedKey = try store.key()
        if options.restart || storedKey != key {
            if !options.restart, storedKey != nil {
                log.info("The command changed since the checkpoint in \(options.work.path) was made; starting over")
            }
            try store.reset(key: key)
            try? FileManager.default.removeItem(at: staging)
        }
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        let context = ReductionContext(inputs: inputs, log: log, stagingFolder: staging, calibrations: calibrations)

        var start = first
        if options.from != nil, first > 0 {
            guard let done = try store.lastCompletedStep(), done >= first - 1 else {
                throw RunRangeError.noCheckpoint(step: steps[first].name, previous: steps[first - 1].name)
            }
            try store.restore(step: first - 1, into: context)
            log.status("Starting at step \(first + 1) (\(steps[first].name)) from the checkpoint of step \(first)")
        } else if options.from == nil, let done = try store.lastCompletedStep() {
            try store.restore(step: done, into: context)
            start = done + 1
            let name = steps[done].name
            log.status(start < steps.count
                ? "Resuming after step \(done + 1) (\(name)), completed in an earlier run; --restart starts over"
                : "All \(steps.count) steps were completed in an earlier run; writing the products again (--restart recomputes)")
        }

        let rootLabel = plan.root.recipeFile.map { "RECIPE \(plan.root.name) (\($0))" } ?? "PRIMITIVE \(plan.root.name)"
        log.status(rootLabel)
        var ran: [String] = []
        if start <= last {
            for index in start...last {
                let step = steps[index]
                let before = log.lines.count
                try log.nested {
                    if plan.root.isRecipe { try execute(step, context: context, number: "\(index + 1)") }
                    else { try runPrimitive(step, context: context, number: "\(index + 1)") }
                }
                try store.save(step: index, name: step.name, location: step.call?.location.fileAndLine ?? step.name,
                               context: context, log: Array(log.lines[before...]))
                ran.append(step.name)
            }
        }
        if last < steps.count - 1 {
            log.status("Stopped after step \(last + 1) (\(steps[last].name)) as --until asked; --from \(steps[last + 1].name) continues")
        }
        let complete = last == steps.count - 1
        let products = try ProductDelivery(context: context, output: options.output, log: log, keepStaging: !complete).deliver()
        if complete { store.discard() }
        return RunSummary(stepsRun: ran, resumedAt: start > first ? start : nil, products: products, ledger: context.ledger,
                          summary: context.summary)
    }

    private func execute(_ node: PlanNode, context: ReductionContext, number: String) throws {
        if node.isRecipe {
            log.status("\(number) RECIPE \(node.name) (\(node.recipeFile!))")
            try log.nested {
                for (i, child) in node.children.enumerated() { try execute(child, context: context, number: "\(number).\(i + 1)") }
            }
        } else {
            log.status("\(number) PRIMITIVE \(node.name)")
            try log.nested { try runPrimitive(node, context: context, number: number) }
        }
    }

    private func runPrimitive(_ node: PlanNode, context: ReductionContext, number: String) throws {
        let parameters = node.parameters!
        log.debug("parameters: \(parameters.entries.map { "\($0.name)=\($0.value) (\($0.origin))" }.joined(separator: ", "))")
        let before = context.streams
        let generations = context.generations
        context.touchedStreams = []
        context.currentFile = nil
        log.beginStep()
        let started = Date()
        do {
            try node.primitive!.run(context, parameters)
        } catch {
            throw StepFailure(step: node.name, location: node.call?.location, file: context.currentFile, underlying: error)
        }
        context.steps.append(StepRecord(number: number, primitive: node.name, location: node.call?.location.shortened.fileAndLine,
                                        parameters: parameters.summary, started: started,
                                        seconds: Date().timeIntervalSince(started)))
        context.currentFile = nil
        guard !context.touchedStreams.isEmpty else { return }
        var checksums: [String] = []
        for name in context.touchedStreams.sorted() {
            if let memo = context.checksumMemo[name], memo.generation == generations[name, default: 0] {
                checksums += memo.checksums
            } else {
                for dataset in before[name] ?? [] { checksums.append(try dataset.recordChecksum()) }
            }
        }
        let record = ProvenanceRecord(primitive: node.name, parameters: parameters.summary, time: Date(),
                                      inputChecksums: checksums, outputs: [])
        var outputs: [String] = []
        for name in context.touchedStreams.sorted() {
            let stamped = context.stream(name).map { dataset -> AstroData in
                // An input passed through unchanged (a stream narrowed to the usable frames) was
                // not produced by the step: no history, and it is not delivered as a product.
                if dataset.isUnmodifiedFile { return dataset }
                var copy = dataset
                for line in record.historyLines { copy.primaryHeader.cards.append(HeaderCard(keyword: "HISTORY", value: nil, comment: line)) }
                outputs.append(dataset.fileName ?? dataset.stem)
                return copy
            }
            context.setStream(name, stamped)
        }
        var stored = record
        stored.outputs = outputs
        context.provenance.append(stored)
    }

    /// SHA-256 of the plan's fingerprint and each input's identity (path, size and
    /// modification time for files; content for datasets made in memory).
    func runKey(_ inputs: [AstroData]) throws -> String {
        var hash = SHA256()
        hash.update(plan.fingerprint)
        for input in inputs {
            if let path = input.path, let attributes = try? FileManager.default.attributesOfItem(atPath: path) {
                let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                hash.update("\n\(URL(fileURLWithPath: path).standardizedFileURL.path) \(size) \(modified)")
            } else {
                hash.update("\n" + (try input.contentChecksum()))
            }
        }
        return hash.hexDigest()
    }
}

/// Where a run works and delivers, and which part of the plan it runs.
public struct RunOptions: Sendable {
    public var work: URL
    public var output: URL
    public var restart: Bool
    /// A top-level step name or 1-based number.
    public var from: String?
    public var until: String?

    public init(work: URL, output: URL, restart: Bool = false, from: String? = nil, until: String? = nil) {
        self.work = work
        self.output = output
        self.restart = restart
        self.from = from
        self.until = until
    }
}

public struct RunSummary: Sendable {
    public var stepsRun: [String]
    /// The 0-based step the run resumed at, when it resumed from a checkpoint.
    public var resumedAt: Int?
    /// Paths of the delivered products.
    public var products: [String]
    public var ledger: MeasurementLedger
    /// The lines the run's steps left for the terminal (``ReductionContext/summary``).
    public var summary: [String] = []
}
