/// One column of a binary table to be written: a name, an optional unit, and typed values.
///
/// ```swift
/// let gains = TableColumn(name: "GAIN", unit: "electron/adu", .doubles([1.52, 1.49]))
/// let names = TableColumn(name: "AMP", .strings(["A", "B"], width: 8))
/// ```
public struct TableColumn: Sendable, Hashable {
    public var name: String
    public var unit: String?
    public var data: TableColumnData

    public init(name: String, unit: String? = nil, _ data: TableColumnData) {
        self.name = name
        self.unit = unit
        self.data = data
    }
}

/// The values of a column to be written, each case stored as its FITS binary-table type.
public enum TableColumnData: Sendable, Hashable {
    case doubles([Double])      // TFORM D
    case floats([Float])        // TFORM E
    case int16s([Int16])        // TFORM I
    case int32s([Int32])        // TFORM J
    case int64s([Int64])        // TFORM K
    case bools([Bool])          // TFORM L
    /// Fixed-width ASCII text, TFORM `<width>A`; shorter strings are padded with blanks.
    case strings([String], width: Int)

    public var count: Int {
        switch self {
        case .doubles(let v): return v.count
        case .floats(let v): return v.count
        case .int16s(let v): return v.count
        case .int32s(let v): return v.count
        case .int64s(let v): return v.count
        case .bools(let v): return v.count
        case .strings(let v, _): return v.count
        }
    }

    /// The TFORM value of the column.
    public var tform: String {
        switch self {
        case .doubles: return "D"
        case .floats: return "E"
        case .int16s: return "I"
        case .int32s: return "J"
        case .int64s: return "K"
        case .bools: return "L"
        case .strings(_, let width): return "\(width)A"
        }
    }
}
