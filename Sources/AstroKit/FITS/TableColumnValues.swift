/// The values of one scalar table column, typed by what the column holds.
///
/// ```swift
/// if case .doubles(let gains) = try file.readColumn(hdu: 1, name: "GAIN") { print(gains) }
/// ```
public enum TableColumnValues: Sendable, Hashable {
    /// Floating-point columns (E, D, and scaled integer columns), physical values; undefined
    /// values are NaN.
    case doubles([Double])
    /// Integer columns (B, I, J, K) without scaling, as stored.
    case integers([Int])
    /// Character columns, trailing blanks removed.
    case strings([String])
    /// Logical columns; an undefined logical reads as false.
    case logicals([Bool])

    public var count: Int {
        switch self {
        case .doubles(let v): return v.count
        case .integers(let v): return v.count
        case .strings(let v): return v.count
        case .logicals(let v): return v.count
        }
    }
}
