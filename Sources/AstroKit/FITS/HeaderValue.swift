/// The value of one FITS header card, typed as the FITS standard types it.
///
/// ```swift
/// let exptime = header["EXPTIME"]?.doubleValue   // 30.0 for `EXPTIME = 30`
/// ```
public enum HeaderValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case integer(Int)
    case real(Double)
    case logical(Bool)
    case complex(real: Double, imaginary: Double)
    /// A keyword present with an empty value field (`KEY =` with nothing after it).
    case undefined

    /// The value as a number when it is one (integers and reals; logicals are not numbers).
    public var doubleValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .real(let d): return d
        default: return nil
        }
    }

    /// The value as an integer when it is an integer, or a real with no fractional part.
    public var intValue: Int? {
        switch self {
        case .integer(let i): return i
        case .real(let d) where d.rounded() == d && abs(d) < 9e18: return Int(d)
        default: return nil
        }
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var boolValue: Bool? {
        if case .logical(let b) = self { return b }
        return nil
    }

    /// The value as text, for display and for string comparisons in type requirements.
    public var description: String {
        switch self {
        case .string(let s): return s
        case .integer(let i): return String(i)
        case .real(let d): return String(d)
        case .logical(let b): return b ? "T" : "F"
        case .complex(let r, let i): return "(\(r), \(i))"
        case .undefined: return ""
        }
    }
}
