/// A physical unit attached to a descriptor value, kept as the symbol a scientist writes.
///
/// ```swift
/// Unit.electronsPerADU.symbol   // "e-/ADU"
/// ```
public struct Unit: Sendable, Hashable, Codable, CustomStringConvertible {
    public var symbol: String
    public init(_ symbol: String) { self.symbol = symbol }
    public var description: String { symbol }

    public static let second = Unit("s")
    public static let adu = Unit("ADU")
    public static let electron = Unit("e-")
    public static let electronsPerADU = Unit("e-/ADU")
    public static let nanometre = Unit("nm")
    public static let degree = Unit("deg")
    public static let degreeCelsius = Unit("degC")
    public static let kelvin = Unit("K")
    public static let volt = Unit("V")
    public static let microsecond = Unit("us")
    public static let pixel = Unit("pixel")
    public static let day = Unit("d")
}
