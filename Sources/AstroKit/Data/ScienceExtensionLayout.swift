/// How the HDUs of a file group into science extensions.
///
/// Image HDUs with pixels are science extensions, except those named VAR or DQ, which attach
/// to the science extension with the same EXTVER (or, without EXTVER, to the one before them).
/// A file whose only pixels are in the primary HDU has that HDU as its single extension.
enum ScienceExtensionLayout {
    static let varianceNames: Set<String> = ["VAR", "VARIANCE"]
    static let qualityNames: Set<String> = ["DQ", "MASK_DQ"]

    static func extensions(in infos: [HDUInfo], path: String) -> [ScienceExtension] {
        var result: [ScienceExtension] = []
        var versions: [Int?] = []
        for info in infos where info.hasPixels {
            let name = info.extname?.uppercased() ?? ""
            let isVariance = varianceNames.contains(name)
            let isQuality = qualityNames.contains(name)
            if isVariance || isQuality {
                let target = info.extver.flatMap { v in versions.lastIndex(of: v) } ?? (result.isEmpty ? nil : result.count - 1)
                guard let t = target, result[t].shape == info.naxis else { continue }
                if isVariance {
                    result[t].variancePlane = LazyPlane { try PlaneReader.float(path: path, hdu: info.index) }
                } else {
                    result[t].qualityPlane = LazyPlane { try PlaneReader.quality(path: path, hdu: info.index) }
                }
                continue
            }
            let science = LazyPlane<Float> { try PlaneReader.float(path: path, hdu: info.index) }
            result.append(ScienceExtension(header: info.header, hduIndex: info.index, shape: info.naxis,
                                           science: science, variance: nil, quality: nil))
            versions.append(info.extver)
        }
        return result
    }
}
