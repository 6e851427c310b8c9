import Foundation

/// Delivers a run's products: the datasets left in the `main` stream that some primitive
/// produced (inputs only looked at are not copied) and the ledger tables (as CSV) join the
/// products primitives staged; then every staged file is moved into the
/// output folder. Nothing reaches the output folder before this point, so a failed run leaves
/// no partial product there. A partial run (`--until`) copies, keeping the staged files for
/// the run that continues it.
struct ProductDelivery {
    let context: ReductionContext
    let output: URL
    let log: ReductionLog
    let keepStaging: Bool

    func deliver() throws -> [String] {
        let produced = Set(context.provenance.flatMap(\.outputs))
        for dataset in context.stream("main") where produced.contains(dataset.fileName ?? dataset.stem) {
            let name = (dataset.fileName ?? dataset.stem + ".fits")
            try context.writeProduct(dataset, name: name, summary: "dataset of the main stream")
        }
        for table in context.ledger.tableNames {
            try context.writeProduct(text: context.ledger.csv(table), name: "\(table).csv", summary: "ledger table \(table)")
        }
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        var delivered: [String] = []
        for product in context.products {
            let source = context.stagingFolder.appendingPathComponent(product.name)
            let destination = output.appendingPathComponent(product.name)
            let manager = FileManager.default
            // Products may sit in sub-folders (`BIAS01/...`): create them in the output too.
            try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !manager.fileExists(atPath: source.path), manager.fileExists(atPath: destination.path) {
                delivered.append(destination.path)  // moved by an earlier, interrupted delivery
                continue
            }
            if keepStaging || rename(source.path, destination.path) != 0 {
                // Another file system: copy beside the destination, then rename into place.
                let temporary = destination.deletingLastPathComponent()
                    .appendingPathComponent(".\(destination.lastPathComponent).partial")
                try? FileManager.default.removeItem(at: temporary)
                try FileManager.default.copyItem(at: source, to: temporary)
                guard rename(temporary.path, destination.path) == 0 else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path])
                }
                if !keepStaging { try FileManager.default.removeItem(at: source) }
            }
            delivered.append(destination.path)
            log.info("wrote \(destination.path)")
        }
        return delivered
    }
}
