import ArgumentParser
import AstroKit
import Foundation

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the stored calibrations.")
    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("type"), help: ArgumentHelp("Only this product type or calibration kind.", valueName: "T"))
    var type: String?
    @Flag(help: "Print a JSON array.") var json = false

    func run() throws {
        let db = try database.open(create: false)
        let records = try db.list(type: type)
        if json {
            let objects: [[String: Any]] = records.map { r in
                var descriptors: [String: Any] = [:]
                for (name, value) in r.descriptors { descriptors[name] = value.jsonObject }
                return ["path": r.path, "type": r.type, "sha256": r.checksum,
                        "processed": StoredValue.date(r.processed).jsonObject, "processed_source": r.processedSource,
                        "recipe": r.recipe ?? NSNull(), "descriptors": descriptors]
            }
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("Database: \(db.path)")
        if records.isEmpty {
            print(type.map { "There are no \($0) calibrations in the database" } ?? "There are no calibrations in the database")
            return
        }
        let rows = records.map { r in
            [r.type, StoredValue.date(r.processed).text, r.descriptors.sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value.text)" }.joined(separator: " "), r.path]
        }
        print(TextTable.render(header: ["TYPE", "PROCESSED", "DESCRIPTORS", "PATH"], rows: rows))
    }
}
