import Foundation

/// What a descriptor computation sees: the dataset, the extension it is computing for (for
/// per-extension descriptors), other descriptors, and the value the parent type would give.
public struct DescriptorContext: Sendable {
    public let dataset: AstroData
    /// Index of the science extension, for per-extension descriptors; nil for dataset-wide ones.
    public let extensionIndex: Int?
    let descriptorName: String
    let chainPosition: Int

    /// The header a per-extension descriptor reads (the extension's), or the primary header.
    public var header: FITSHeader {
        if let i = extensionIndex { return dataset.extensions[i].header }
        return dataset.primaryHeader
    }

    public var primaryHeader: FITSHeader { dataset.primaryHeader }

    /// Another descriptor of the same dataset (cached).
    public func descriptor(_ name: String) -> DescriptorResult { dataset.descriptor(name) }

    /// Another dataset-wide descriptor's value, or a `.dependency` failure that says why not.
    public func value(of name: String) throws(DescriptorFailure) -> ResolvedValue {
        let result = dataset.descriptor(name)
        switch result {
        case .dataset(.success(let v)): return v
        case .dataset(.failure(let f)): throw .dependency(descriptor: name, reason: f.description)
        case .perExtension(let parts):
            let i = extensionIndex ?? 0
            guard i < parts.count else {
                throw .dependency(descriptor: name, reason: "no value for extension \(i)")
            }
            switch parts[i] {
            case .success(let v): return v
            case .failure(let f): throw .dependency(descriptor: name, reason: f.description)
            }
        }
    }

    /// The value the next type up the tree (ending with the base configuration) would give:
    /// the "super" call of a descriptor that only refines its parent's answer.
    public func inherited() throws(DescriptorFailure) -> ResolvedValue {
        try dataset.computeDescriptor(descriptorName, extensionIndex: extensionIndex,
                                      startingAt: chainPosition + 1)
    }
}

/// A descriptor computation attached to one type.
///
/// ```swift
/// DescriptorProvider.keyword("exposure_time", ["EXPTIME", "EXPOSURE"], as: .double, unit: .second)
/// DescriptorProvider("obsid") { context in ... }
/// ```
public struct DescriptorProvider: Sendable {
    public typealias Computation = @Sendable (DescriptorContext) throws(DescriptorFailure) -> ResolvedValue

    public var descriptor: String
    public var compute: Computation

    public init(_ descriptor: String, compute: @escaping Computation) {
        self.descriptor = descriptor
        self.compute = compute
    }

    /// A descriptor read from the first present keyword of a list, converted to `kind`.
    /// Per-extension descriptors look in the extension header, then fall back to the primary.
    public static func keyword(_ descriptor: String, _ keywords: [String],
                               as kind: DescriptorDefinition.Kind, unit: Unit? = nil,
                               fallbackToPrimary: Bool = true) -> DescriptorProvider {
        DescriptorProvider(descriptor) { (context) throws(DescriptorFailure) -> ResolvedValue in
            var headers = [(context.header, context.extensionIndex == nil ? "primary header" : "extension header")]
            if context.extensionIndex != nil && fallbackToPrimary {
                headers.append((context.primaryHeader, "primary header"))
            }
            for (header, place) in headers {
                for keyword in keywords {
                    guard let raw = header[keyword] else { continue }
                    let value = try HeaderConversion.convert(raw, keyword: keyword, to: kind)
                    return ResolvedValue(value, unit: unit, source: "\(place) \(keyword)")
                }
            }
            throw .missingKeyword(keywords)
        }
    }
}

/// Conversions from header values to descriptor values, with failures that name the keyword.
public enum HeaderConversion {
    public static func convert(_ raw: HeaderValue, keyword: String,
                               to kind: DescriptorDefinition.Kind) throws(DescriptorFailure) -> DescriptorValue {
        switch kind {
        case .double:
            if let d = raw.doubleValue { return .double(d) }
            if let s = raw.stringValue, let d = Double(s.trimmingCharacters(in: .whitespaces)) { return .double(d) }
            throw .badValue(keyword: keyword, value: raw.description, expected: "a number")
        case .int:
            if let i = raw.intValue { return .int(i) }
            if let s = raw.stringValue, let i = Int(s.trimmingCharacters(in: .whitespaces)) { return .int(i) }
            throw .badValue(keyword: keyword, value: raw.description, expected: "an integer")
        case .string:
            if case .undefined = raw {
                throw .badValue(keyword: keyword, value: "", expected: "a value")
            }
            return .string(raw.description.trimmingCharacters(in: .whitespaces))
        case .bool:
            if let b = raw.boolValue { return .bool(b) }
            throw .badValue(keyword: keyword, value: raw.description, expected: "a logical (T/F)")
        case .section:
            guard let s = raw.stringValue, let section = try? Section(iraf: s) else {
                throw .badValue(keyword: keyword, value: raw.description, expected: "an image section [x1:x2,y1:y2]")
            }
            return .section(section)
        case .date:
            guard let s = raw.stringValue, let date = FITSDate.parse(s) else {
                throw .badValue(keyword: keyword, value: raw.description, expected: "a FITS date (YYYY-MM-DD[Thh:mm:ss])")
            }
            return .date(date)
        case .named, .list:
            throw .badValue(keyword: keyword, value: raw.description, expected: "a \(kind.rawValue) value")
        }
    }
}
