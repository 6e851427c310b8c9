/// An error from the FITS layer. Its description reads as a sentence that names the file,
/// the HDU when one is involved, and CFITSIO's own message.
///
/// ```
/// cannot read HDU 2 of /data/frame.fits: CFITSIO status 108: error reading from FITS file
/// ```
public struct FITSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file the operation concerned.
    public var path: String
    /// 0-based HDU index, when the error concerns one HDU.
    public var hdu: Int?
    /// What was being done, e.g. "cannot open", "cannot read the header of".
    public var operation: String
    /// CFITSIO's status code (0 when the error is AstroKit's own).
    public var status: Int32
    /// CFITSIO's message for the status, plus its error-stack detail when it adds something.
    public var message: String

    public init(path: String, hdu: Int? = nil, operation: String, status: Int32, message: String) {
        self.path = path
        self.hdu = hdu
        self.operation = operation
        self.status = status
        self.message = message
    }

    public var description: String {
        let place = hdu.map { "HDU \($0) of \(path)" } ?? path
        let code = status != 0 ? "CFITSIO status \(status): " : ""
        return "\(operation) \(place): \(code)\(message)"
    }
}
