import Foundation

/// What `adinfo` reports about one file: its types, its descriptors and its HDUs.
public struct DatasetSummary: Sendable {
    public struct DescriptorLine: Sendable {
        public var name: String
        public var definition: DescriptorDefinition?
        public var result: DescriptorResult
    }

    public let dataset: AstroData
    public let path: String

    public init(dataset: AstroData, path: String) {
        self.dataset = dataset
        self.path = path
    }

    /// Every descriptor the dataset's types compute, with its result, in declaration order.
    public var descriptors: [DescriptorLine] {
        dataset.applicableDescriptorNames.map { name in
            DescriptorLine(name: name, definition: dataset.descriptorDefinition(name),
                           result: dataset.descriptor(name))
        }
    }

    /// The JSON object of `adinfo --json`: `{"file", "types", "descriptors", "hdus"}`.
    /// Resolved descriptors appear as `{"value", "unit", "source"}` (per-extension ones as a
    /// list of those), failed ones as `{"error": reason}`.
    public func jsonObject(statistics: Bool, keywords: Bool) throws -> [String: Any] {
        var descriptorObject: [String: Any] = [:]
        for line in descriptors {
            descriptorObject[line.name] = Self.json(line.result)
        }
        var hduObjects: [[String: Any]] = []
        let file: FITSFile? = statistics ? try FITSFile.open(path) : nil
        for info in dataset.hdus {
            let stats = (statistics && info.hasPixels) ? try file?.statistics(hdu: info.index) : nil
            hduObjects.append(HDUSummary.jsonObject(info, statistics: stats, includeKeywords: keywords))
        }
        return [
            "file": path,
            "types": dataset.types,
            "leaves": dataset.classification.leaves,
            "descriptors": descriptorObject,
            "hdus": hduObjects,
        ]
    }

    static func json(_ result: DescriptorResult) -> Any {
        func one(_ r: Result<ResolvedValue, DescriptorFailure>) -> Any {
            switch r {
            case .success(let v):
                var o: [String: Any] = ["value": v.value.jsonObject, "source": v.source]
                if let unit = v.unit { o["unit"] = unit.symbol }
                return o
            case .failure(let f):
                return ["error": f.description]
            }
        }
        switch result {
        case .dataset(let r): return one(r)
        case .perExtension(let rs): return rs.map(one)
        }
    }
}
