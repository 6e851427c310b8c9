/// The measurements of a run: named tables whose rows are indexed by keys (obsid, ccd,
/// quadrant, tile, ...) and hold named values. What vison called the DataDict.
///
/// ```swift
/// var ledger = MeasurementLedger()
/// ledger.record("bias_levels", keys: ["obsid": "2112", "ccd": "1", "quadrant": "E"],
///               values: ["mean": 1002.5, "stdev": 4.1])
/// ledger.values("bias_levels", column: "mean", where: ["ccd": "1"])   // [1002.5]
/// ```
public struct MeasurementLedger: Sendable, Hashable, Codable {
    public struct Row: Sendable, Hashable, Codable {
        public var keys: [String: String]
        public var values: [String: Double]
    }

    /// Rows per table, in the order they were first recorded.
    public private(set) var tables: [String: [Row]] = [:]

    public init() {}

    public var isEmpty: Bool { tables.isEmpty }
    public var tableNames: [String] { tables.keys.sorted() }

    /// Adds values to the row with exactly these keys (creating it), replacing values of the
    /// same name: re-measuring updates rather than duplicates.
    public mutating func record(_ table: String, keys: [String: String], values: [String: Double]) {
        var rows = tables[table, default: []]
        if let i = rows.firstIndex(where: { $0.keys == keys }) {
            rows[i].values.merge(values) { _, new in new }
        } else {
            rows.append(Row(keys: keys, values: values))
        }
        tables[table] = rows
    }

    /// Rows whose keys include every given key=value pair.
    public func rows(_ table: String, where filter: [String: String] = [:]) -> [Row] {
        (tables[table] ?? []).filter { row in filter.allSatisfy { row.keys[$0.key] == $0.value } }
    }

    /// One column of the matching rows (rows without that value are skipped).
    public func values(_ table: String, column: String, where filter: [String: String] = [:]) -> [Double] {
        rows(table, where: filter).compactMap { $0.values[column] }
    }

    /// A table as CSV: key columns, then value columns, both sorted by name.
    public func csv(_ table: String) -> String {
        let rows = tables[table] ?? []
        let keyNames = Set(rows.flatMap(\.keys.keys)).sorted()
        let valueNames = Set(rows.flatMap(\.values.keys)).sorted()
        var out = (keyNames + valueNames).joined(separator: ",") + "\n"
        for row in rows {
            let cells = keyNames.map { row.keys[$0] ?? "" } + valueNames.map { row.values[$0].map { String($0) } ?? "" }
            out += cells.joined(separator: ",") + "\n"
        }
        return out
    }
}
