import Foundation

/// A dataset: a primary header, its science extensions (SCI with optional VAR and DQ), the
/// file's HDU table, and the types the registered configurations give it.
///
/// ```swift
/// let ad = try AstroData.open("EUC_2112_231016D_135042T_ROE1_CCD1.fits")
/// ad.types                       // ["VIS", ...]
/// ad.descriptor("exposure_time") // 565.0 s, from the header or the exposure log
/// let first = ad[0]              // a single-extension dataset, same types
/// ```
public struct AstroData: Sendable {
    /// The file the dataset was read from, when it came from one.
    public let path: String?
    /// Every HDU of the file, as read from the headers.
    public let hdus: [HDUInfo]
    public var primaryHeader: FITSHeader { didSet { cache = DescriptorCache() } }
    public var extensions: [ScienceExtension] { didSet { cache = DescriptorCache() } }
    /// The type classification (instrument and status families).
    public internal(set) var classification: Classification
    /// For a slice `ad[i]`: the index `i` in the parent dataset.
    public let sliceIndex: Int?
    let configuration: ConfigurationRegistry.Snapshot
    var cache: DescriptorCache
    /// The file `open` read, kept only on the dataset `open` returned (a renamed copy has none),
    /// so "this dataset is that file, untouched" can be checked (see `isUnmodifiedFile`).
    var sourceFile: String?

    /// Base name of the file.
    public var fileName: String? { path.map { URL(fileURLWithPath: $0).lastPathComponent } }
    /// True for a single-extension slice made by `ad[i]`.
    public var isSingle: Bool { sliceIndex != nil }
    /// Every matched type name: instrument types first (in tree order), then status types.
    public var types: [String] {
        let tree = configuration.typeTree
        let instrument = classification.types.filter { tree[$0]?.family == .instrument }
        return instrument + classification.types.filter { tree[$0]?.family != .instrument }
    }
    public var count: Int { extensions.count }

    /// Opens a FITS file: reads every header (no pixels) and classifies the dataset.
    public static func open(_ path: String,
                            registry: ConfigurationRegistry = .shared) throws -> AstroData {
        let configuration = try registry.snapshot()
        let file = try FITSFile.open(path)
        let infos = try file.allInfo()
        let extensions = ScienceExtensionLayout.extensions(in: infos, path: path)
        var dataset = AstroData(path: path, hdus: infos, primaryHeader: infos.first?.header ?? FITSHeader(),
                                extensions: extensions, classification: .unclassified,
                                sliceIndex: nil, configuration: configuration)
        dataset.sourceFile = path
        try dataset.reclassify()
        return dataset
    }

    /// A dataset made in memory (by a primitive or a test).
    public init(primaryHeader: FITSHeader, extensions: [ScienceExtension], path: String? = nil,
                registry: ConfigurationRegistry = .shared) throws {
        self.init(path: path, hdus: [], primaryHeader: primaryHeader, extensions: extensions,
                  classification: .unclassified, sliceIndex: nil,
                  configuration: try registry.snapshot())
        try reclassify()
    }

    init(path: String?, hdus: [HDUInfo], primaryHeader: FITSHeader, extensions: [ScienceExtension],
         classification: Classification, sliceIndex: Int?,
         configuration: ConfigurationRegistry.Snapshot) {
        self.path = path
        self.hdus = hdus
        self.primaryHeader = primaryHeader
        self.extensions = extensions
        self.classification = classification
        self.sliceIndex = sliceIndex
        self.configuration = configuration
        self.cache = DescriptorCache()
    }

    /// Classifies the dataset again, e.g. after its headers changed.
    public mutating func reclassify() throws {
        classification = try configuration.typeTree.classify(DatasetSubject(self))
        cache = DescriptorCache()
    }

    /// Why each type of the tree matched or not.
    public func explainTypes() -> [TypeExplanation] {
        configuration.typeTree.explain(DatasetSubject(self))
    }

    /// A dataset holding only extension `index`, with the same primary header and types.
    public subscript(index: Int) -> AstroData {
        precondition(!isSingle, "a single-extension slice cannot be sliced again")
        precondition(extensions.indices.contains(index),
                     "extension index \(index) is out of range 0..<\(extensions.count)")
        return AstroData(path: path, hdus: hdus, primaryHeader: primaryHeader,
                         extensions: [extensions[index]], classification: classification,
                         sliceIndex: index, configuration: configuration)
    }
}

/// The subject a type requirement is evaluated on: headers, file name, and classification
/// descriptors (computed from the raw dataset, e.g. from its exposure log).
struct DatasetSubject: ClassificationSubject {
    let dataset: AstroData

    init(_ dataset: AstroData) { self.dataset = dataset }

    var primaryHeader: FITSHeader { dataset.primaryHeader }
    var extensionHeaders: [FITSHeader] {
        dataset.hdus.isEmpty ? dataset.extensions.map(\.header) : dataset.hdus.dropFirst().map(\.header)
    }
    var fileName: String? { dataset.fileName }

    func descriptorValue(_ name: String) -> HeaderValue? {
        guard let provider = dataset.configuration.classificationProvider(name) else { return nil }
        let context = DescriptorContext(dataset: dataset, extensionIndex: nil,
                                        descriptorName: name, chainPosition: Int.max - 1)
        guard let resolved = try? provider.compute(context) else { return nil }
        switch resolved.value {
        case .double(let d): return .real(d)
        case .int(let i): return .integer(i)
        case .bool(let b): return .logical(b)
        default: return .string(resolved.value.text)
        }
    }
}

extension Classification {
    /// The classification of a dataset before its types are evaluated.
    static let unclassified = Classification(types: [], instrumentLeaves: [], statusLeaves: [])
}
