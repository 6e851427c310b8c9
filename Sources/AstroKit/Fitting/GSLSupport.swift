import CGSL

/// Failures reported by the fitting layer.
public enum FitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Fewer usable points than free parameters.
    case tooFewPoints(needed: Int, got: Int)
    /// Input arrays of different lengths.
    case lengthMismatch
    /// A GSL routine returned an error code (with gsl_strerror's text).
    case gsl(code: Int32, message: String)
    /// An argument out of its domain (message says which).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .tooFewPoints(let needed, let got): return "need at least \(needed) points, got \(got)"
        case .lengthMismatch: return "input arrays differ in length"
        case .gsl(let code, let message): return "GSL error \(code): \(message)"
        case .invalidArgument(let text): return text
        }
    }
}

/// Owned GSL matrices and vectors, plus the one-time switch-off of GSL's default error
/// handler (which calls abort()): every call checks the returned status instead.
enum GSL {
    /// Swift runs a static initialiser once, thread-safely, on first use.
    static let errorHandlerOff: Void = { _ = gsl_set_error_handler_off() }()

    static func check(_ status: Int32) throws {
        if status != GSL_SUCCESS {
            throw FitError.gsl(code: status, message: String(cString: gsl_strerror(status)))
        }
    }
}

/// A gsl_matrix freed when the Swift object goes away.
final class GSLMatrix {
    let pointer: UnsafeMutablePointer<gsl_matrix>
    let rows: Int
    let columns: Int

    init(rows: Int, columns: Int) {
        _ = GSL.errorHandlerOff
        self.rows = rows
        self.columns = columns
        pointer = gsl_matrix_calloc(rows, columns)
    }

    deinit { gsl_matrix_free(pointer) }

    subscript(i: Int, j: Int) -> Double {
        get { gsl_matrix_get(pointer, i, j) }
        set { gsl_matrix_set(pointer, i, j, newValue) }
    }

    /// Row-major copy.
    var rowMajor: [[Double]] {
        (0..<rows).map { i in (0..<columns).map { j in self[i, j] } }
    }
}

/// A gsl_vector freed when the Swift object goes away.
final class GSLVector {
    let pointer: UnsafeMutablePointer<gsl_vector>
    let count: Int

    init(count: Int) {
        _ = GSL.errorHandlerOff
        self.count = count
        pointer = gsl_vector_calloc(count)
    }

    convenience init(_ values: [Double]) {
        self.init(count: values.count)
        for (i, v) in values.enumerated() { gsl_vector_set(pointer, i, v) }
    }

    deinit { gsl_vector_free(pointer) }

    subscript(i: Int) -> Double {
        get { gsl_vector_get(pointer, i) }
        set { gsl_vector_set(pointer, i, newValue) }
    }

    var array: [Double] { (0..<count).map { self[$0] } }
}
