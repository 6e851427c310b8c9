import AstroKit
import Foundation

/// Prints what `adinfo` was asked for, file by file; unreadable files get a one-line error on
/// standard error and the others are still processed.
struct ReportPrinter {
    var json: Bool
    var stats: Bool
    var headers: Bool
    var types: Bool
    var explain: Bool
    var all: Bool

    /// Returns false when any file could not be read or a requested descriptor failed.
    mutating func report(files: [String], descriptors: [String]?) -> Bool {
        var ok = true
        var jsonObjects: [[String: Any]] = []
        for path in files {
            let dataset: AstroData
            do {
                dataset = try AstroData.open(path)
            } catch {
                Output.error("\(path): \(error)")
                ok = false
                continue
            }
            let summary = DatasetSummary(dataset: dataset, path: path)
            if json {
                do {
                    jsonObjects.append(try summary.jsonObject(statistics: stats, keywords: headers))
                } catch {
                    Output.error("\(path): \(error)")
                    ok = false
                }
            } else if let descriptors {
                ok = printDescriptorLine(summary, descriptors) && ok
            } else {
                printFull(summary)
            }
        }
        if json {
            let top: Any = files.count == 1 && jsonObjects.count == 1 ? jsonObjects[0] : jsonObjects
            if let data = try? JSONSerialization.data(withJSONObject: top, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) {
                Output.write(String(decoding: data, as: UTF8.self) + "\n")
            }
        }
        return ok
    }

    /// `FILE<TAB>value[<TAB>value...]`; per-extension values comma-separated in extension order.
    /// A failed descriptor leaves its field empty and explains itself on standard error.
    func printDescriptorLine(_ summary: DatasetSummary, _ names: [String]) -> Bool {
        var ok = true
        var fields = [summary.path]
        for name in names {
            let result = summary.dataset.descriptor(name)
            if let failure = result.failure {
                Output.error("\(summary.path): \(name): \(failure)")
                ok = false
                fields.append(result.isResolved ? result.text : "")
            } else {
                fields.append(result.text)
            }
        }
        Output.write(fields.joined(separator: "\t") + "\n")
        return ok
    }

    func printFull(_ summary: DatasetSummary) {
        let ad = summary.dataset
        var out = "\(summary.path)\n"
        let leaves = Set(ad.classification.leaves)
        let typeList = ad.types.map { leaves.contains($0) ? "\($0) (leaf)" : $0 }
        out += "  Types: \(typeList.isEmpty ? "(none)" : typeList.joined(separator: ", "))\n"
        if explain {
            out += "  Why:\n"
            for explanation in ad.explainTypes() {
                out += explanation.renderedLines
                    .map { "    " + $0 + "\n" }.joined()
            }
        }
        if types || explain {
            Output.write(out)
            return
        }
        out += "  HDUs:\n"
        out += TextTable.render(header: ["index", "name", "kind", "dimensions", "BITPIX"], rows: ad.hdus.map { info in
            [String(info.index), info.extname ?? (info.index == 0 ? "PRIMARY" : "-"), info.kind.rawValue,
             info.naxis.isEmpty ? "-" : info.naxis.map(String.init).joined(separator: " x "),
             info.bitpix.map(String.init) ?? "-"]
        }, indent: 4)
        out += "  Descriptors:\n"
        var rows: [[String]] = []
        for line in summary.descriptors {
            if line.result.isResolved {
                let unit = line.result.values.first?.unit.map { " " + $0.symbol } ?? ""
                let sources = Set(line.result.values.map(\.source))
                rows.append([line.name, line.result.text + unit, sources.sorted().joined(separator: "; ")])
            } else if all, let failure = line.result.failure {
                rows.append([line.name, "<failed>", failure.description])
            }
        }
        out += DescriptorListing.render(rows)
        Output.write(out)
    }
}

enum Output {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data("adinfo: \(text)\n".utf8))
    }
}

/// Descriptor lines: name, value with unit, and where the value came from. Values longer than
/// a column (per-extension lists) push the source further right instead of widening every line.
enum DescriptorListing {
    static func render(_ rows: [[String]]) -> String {
        let nameWidth = (rows.map { $0[0].count }.max() ?? 0) + 2
        let valueWidth = min(36, (rows.map { $0[1].count }.max() ?? 0)) + 2
        var out = ""
        for row in rows {
            let name = row[0].padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let value = row[1].count < valueWidth ? row[1].padding(toLength: valueWidth, withPad: " ", startingAt: 0) : row[1] + "  "
            out += "    \(name)\(value)(\(row[2]))\n"
        }
        return out
    }
}
