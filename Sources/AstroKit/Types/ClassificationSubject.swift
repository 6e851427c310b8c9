/// What a type requirement is evaluated on: the headers of one dataset, its file name, and
/// any values an instrument derives from elsewhere.
///
/// Classification reads headers only, never pixels, so a subject is cheap to build from the
/// header pass of a FITS reader:
///
/// ```swift
/// let subject = HeaderSubject(primary: primary, extensions: [sci1, sci2], fileName: "N20160102S0010.fits")
/// let classification = try tree.classify(subject)
/// ```
public protocol ClassificationSubject {
    /// The header of HDU 0.
    var primaryHeader: FITSHeader { get }
    /// One header per extension HDU, in file order (extension 1 first).
    var extensionHeaders: [FITSHeader] { get }
    /// The file's base name, when the data came from a file.
    var fileName: String? { get }
    /// A derived value by name, for requirements written as `.descriptor(name, condition)`.
    ///
    /// This is the hook for instruments whose headers lack something a type depends on, e.g. a
    /// test name that only the exposure log records. Return nil when the value is unknown.
    func descriptorValue(_ name: String) -> HeaderValue?
}

extension ClassificationSubject {
    /// No derived values unless the conforming type provides them.
    public func descriptorValue(_ name: String) -> HeaderValue? { nil }
}

/// A ready-made subject: headers, an optional file name and a table of derived values.
///
/// ```swift
/// var primary = FITSHeader()
/// primary.set("INSTRUME", .string("CAM"))
/// let subject = HeaderSubject(primary: primary, descriptors: ["testName": .string("FLAT")])
/// ```
public struct HeaderSubject: ClassificationSubject, Sendable, Hashable {
    public var primaryHeader: FITSHeader
    public var extensionHeaders: [FITSHeader]
    public var fileName: String?
    /// Values returned by `descriptorValue(_:)`, keyed by exact name.
    public var descriptors: [String: HeaderValue]

    public init(
        primary: FITSHeader,
        extensions: [FITSHeader] = [],
        fileName: String? = nil,
        descriptors: [String: HeaderValue] = [:]
    ) {
        self.primaryHeader = primary
        self.extensionHeaders = extensions
        self.fileName = fileName
        self.descriptors = descriptors
    }

    public func descriptorValue(_ name: String) -> HeaderValue? { descriptors[name] }
}
