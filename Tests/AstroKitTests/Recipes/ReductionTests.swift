@testable import AstroKit
import CAMFixture
import Foundation
import GRDB
import Testing

/// Hands out a fixed bias for every dataset, as the calibration database will.
struct FixedBias: CalibrationLookup {
    let bias: AstroData
    func calibration(_ kind: String, for dataset: AstroData) throws -> AstroData? { kind == "processed_bias" ? bias : nil }
}

@Suite("Reduction: context, ledger, checkpoints, runner")
struct ReductionTests {
    let folder: URL
    let registry = ConfigurationRegistry()

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("reduction-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try registry.register(CAMConfiguration())
    }

    func frames(_ levels: [Float], obstype: String = "BIAS", prefix: String = "f") throws -> [AstroData] {
        try levels.enumerated().map { i, level in
            try AstroData.open(try CAMFrames.write(folder, name: "\(prefix)\(i + 1).fits", obstype: obstype, level: level),
                               registry: registry)
        }
    }

    func context(_ inputs: [AstroData]) throws -> ReductionContext {
        ReductionContext(inputs: inputs, log: try ReductionLog(verbosity: .quiet, console: { _ in }), stagingFolder: folder)
    }

    @Test("the ledger records rows by keys, updates them and answers queries")
    func ledger() {
        var ledger = MeasurementLedger()
        ledger.record("bias", keys: ["ccd": "1", "quadrant": "E"], values: ["mean": 1000])
        ledger.record("bias", keys: ["ccd": "1", "quadrant": "F"], values: ["mean": 1010])
        ledger.record("bias", keys: ["ccd": "2", "quadrant": "E"], values: ["mean": 990])
        ledger.record("bias", keys: ["ccd": "1", "quadrant": "E"], values: ["stdev": 4])
        #expect(ledger.values("bias", column: "mean", where: ["ccd": "1"]) == [1000, 1010])
        #expect(ledger.values("bias", column: "stdev") == [4])
        #expect(ledger.rows("bias", where: ["quadrant": "E"]).count == 2)
        #expect(ledger.csv("bias") == "ccd,quadrant,mean,stdev\n1,E,1000.0,4.0\n1,F,1010.0,\n2,E,990.0,\n")
    }

    @Test("SHA-256 matches the FIPS 180-4 examples", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256(text: String, digest: String) {
        var hash = SHA256()
        hash.update(text)
        #expect(hash.hexDigest() == digest)
        var raw = SHA256()
        Array(text.utf8).withUnsafeBytes { raw.update(raw: $0) }
        #expect(raw.hexDigest() == digest)
    }

    @Test("measuring leaves the streams untouched; lists keep datasets by purpose; calibrations come from the hook")
    func contextBookkeeping() throws {
        let inputs = try frames([100, 200])
        let bias = try frames([50], prefix: "bias")[0]
        let context = ReductionContext(inputs: inputs, log: try ReductionLog(verbosity: .quiet, console: { _ in }),
                                       stagingFolder: folder, calibrations: FixedBias(bias: bias))
        try MeasureMean().run(context, ParameterValues(defaultsOf: MeasureMean()))
        #expect(context.touchedStreams.isEmpty)
        #expect(context.ledger.values("means", column: "mean", where: ["file": "f1"]) == [103.5])
        context.addToList("forStack", inputs)
        context.addToList("forStack", [inputs[0]])
        #expect(context.getList("forStack").map(\.stem) == ["f2", "f1"])
        #expect(try context.calibration("processed_bias", for: inputs[0])?.stem == "bias1")
        #expect(try context.calibration("processed_flat", for: inputs[0]) == nil)
        try context.transform { try $0 - 1 }
        #expect(context.touchedStreams == ["main"])
    }

    @Test("a checkpoint restores streams, lists, ledger, flags and compliance")
    func checkpointRoundTrip() throws {
        let inputs = try frames([100, 200])
        let context = try context(inputs)
        context.addToList("kept", [inputs[1]])
        context.ledger.record("t", keys: ["ccd": "3"], values: ["x": 1.5])
        context.flags["saturated"] = "f2"
        context.compliance.append(ComplianceResult(name: "level", passed: true, detail: "ok"))
        let store = try CheckpointStore(folder: folder.appendingPathComponent("work"))
        try store.reset(key: "k")
        try store.save(step: 0, name: "first", location: "x.recipe:1", context: context, log: ["a"])
        let restored = try self.context([])
        try store.restore(step: 0, into: restored)
        #expect(restored.stream().map(\.fileName) == ["f1.fits", "f2.fits"])
        #expect(try restored.stream().map { try $0.contentChecksum() } == inputs.map { try $0.contentChecksum() })
        #expect(restored.getList("kept").map(\.stem) == ["f2"])
        #expect(restored.ledger == context.ledger)
        #expect(restored.flags == ["saturated": "f2"])
        #expect(restored.compliance.first?.name == "level")
        #expect(try store.lastCompletedStep() == 0)
        #expect(try store.key() == "k")
    }

    @Test("a ledger table no step touched is saved by reference, and every step restores its own ledger")
    func checkpointLedgerUnchangedTables() throws {
        let context = try context(try frames([100]))
        let store = try CheckpointStore(folder: folder.appendingPathComponent("work-ledger"))
        try store.reset(key: "k")
        context.ledger.record("scan", keys: ["f": "1"], values: ["x": 1])
        context.ledger.record("fit", keys: ["q": "E"], values: ["g": .nan])
        try store.save(step: 0, name: "a", location: "x:1", context: context, log: [])
        let afterFirst = context.ledger
        context.ledger.record("fit", keys: ["q": "E"], values: ["g": 3.5])        // changed
        try store.save(step: 1, name: "b", location: "x:2", context: context, log: [])
        let afterSecond = context.ledger
        context.ledger.record("pairs", keys: ["p": "1"], values: ["n": 4])      // new table
        try store.save(step: 2, name: "c", location: "x:3", context: context, log: [])
        for (step, expected) in [(0, afterFirst), (1, afterSecond), (2, context.ledger)] {
            let restored = try self.context([])
            try store.restore(step: step, into: restored)
            #expect(restored.ledger.tableNames.sorted() == expected.tableNames.sorted(), "step \(step)")
            for table in expected.tableNames {
                #expect(restored.ledger.rows(table).map(\.keys) == expected.rows(table).map(\.keys), "step \(step) \(table)")
                #expect(restored.ledger.rows(table).map { $0.values.mapValues(\.bitPattern) }
                        == expected.rows(table).map { $0.values.mapValues(\.bitPattern) }, "step \(step) \(table)")
            }
        }
        // "scan" was written once; later steps refer to step 0.
        let rows = try DatabaseQueue(path: folder.appendingPathComponent("work-ledger/checkpoint.sqlite").path).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ledger WHERE tbl = 'scan'")
        }
        #expect(rows == 1)
    }

    @Test("unmodified inputs are checkpointed by reference, modified ones as copies; a changed input is refused")
    func checkpointReferencesUnmodifiedInputs() throws {
        let inputs = try frames([100, 200], prefix: "r")
        #expect(inputs.allSatisfy { $0.isUnmodifiedFile })
        var changed = inputs[1]
        changed.primaryHeader.set("OBSERVER", .string("someone"))
        #expect(!changed.isUnmodifiedFile)
        #expect(!inputs[0].renamed("elsewhere.fits").isUnmodifiedFile)
        let context = try context([inputs[0], changed])
        let work = folder.appendingPathComponent("work-ref")
        let store = try CheckpointStore(folder: work)
        try store.reset(key: "k")
        try store.save(step: 0, name: "first", location: "x.recipe:1", context: context, log: [])
        // Only the changed dataset was copied into the checkpoint.
        let copies = try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0 != "checkpoint.sqlite" }
        let copiedFits = try copies.flatMap { name -> [String] in
            let url = work.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
            return isFolder.boolValue ? try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".fits") } : []
        }
        #expect(copiedFits.count == 1, "\(copiedFits)")
        let restored = try self.context([])
        try store.restore(step: 0, into: restored)
        #expect(restored.stream().map(\.fileName) == ["r1.fits", "r2.fits"])
        #expect(restored.stream()[0].isUnmodifiedFile)
        #expect(restored.stream()[1].primaryHeader.string("OBSERVER") == "someone")
        // Rewriting an input after the checkpoint makes the resume refuse, naming the file.
        Thread.sleep(forTimeInterval: 1.1)
        _ = try CAMFrames.write(folder, name: "r1.fits", obstype: "BIAS", level: 300)
        var refusal: (any Error)?
        do { try store.restore(step: 0, into: try self.context([])) } catch { refusal = error }
        let error = try #require(refusal as? CheckpointError)
        #expect("\(error)".hasSuffix("r1.fits changed (or disappeared) since the checkpoint was saved; run again with --restart"), "\(error)")
    }

    @Test("the runner records provenance in the outputs, measures into the ledger and delivers")
    func runner() throws {
        let snapshot = try registry.snapshot()
        let library = RecipeLibrary(roots: [RecipeRoot(folder: CAMConfiguration.recipesFolder, origin: "module CAM")],
                                    typeTree: snapshot.typeTree)
        let builder = PlanBuilder(library: library, catalog: PrimitiveCatalog(snapshot), typeTree: snapshot.typeTree)
        let inputs = try frames([1000, 1200], obstype: "FLAT")
        let plan = try builder.build(target: "makeFlat", inputs: inputs.map(InputDescription.init))
        nonisolated(unsafe) var console: [String] = []
        let log = try ReductionLog(verbosity: .normal, console: { console.append($0) })
        let output = folder.appendingPathComponent("out")
        let summary = try ReductionRunner(plan: plan, options: RunOptions(work: folder.appendingPathComponent("work"), output: output),
                                          log: log).run(inputs: inputs)
        let lines = console
        #expect(summary.stepsRun == ["prepareFlats", "stackFrames", "measureMean"])
        #expect(summary.products.map { URL(fileURLWithPath: $0).lastPathComponent } == ["f1_flat.fits", "flat_levels.csv"])
        #expect(lines.first?.hasPrefix("RECIPE makeFlat (") == true)
        #expect(lines.first?.hasSuffix("CAMFixture/recipes/CAM_FLAT/makeFlat.recipe)") == true)
        #expect(lines.contains("         1.1.1 PRIMITIVE subtractScalar"))
        let product = try AstroData.open(output.appendingPathComponent("f1_flat.fits").path, registry: registry)
        let steps = product.primaryHeader.history.filter { $0.hasPrefix("AstroKit ") && !$0.hasPrefix("AstroKit   ") }
        // checkLevel and measureMean only measure, so they are not in the outputs' history.
        #expect(steps == ["AstroKit subtractScalar(value=100.0)", "AstroKit scale(factor=2.0)", "AstroKit normaliseFlat()",
                          "AstroKit stackFrames(operation=mean, suffix=_flat)"])
        let mean = summary.ledger.values("flat_levels", column: "mean")
        #expect(mean.count == 1 && abs(mean[0] - 1) < 1e-6)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("work").path))
    }
}
