import AstroKit
import Foundation

/// Descriptors measured by the housekeeping (HK) file of the exposure: the mean of a key over
/// the readout, as vison's `synthHK` reduces each file.
enum VISHousekeepingDescriptors {
    static let definitions: [DescriptorDefinition] = [
        .init("hk_ccd_temperature_top", .double, unit: .degreeCelsius, summary: "Mean HK temperature of this CCD, top sensor"),
        .init("hk_ccd_temperature_bottom", .double, unit: .degreeCelsius, summary: "Mean HK temperature of this CCD, bottom sensor"),
    ]

    static func providers(_ s: VISSettings) -> [DescriptorProvider] {
        // 7.5.X names first, then the 5.7.x ones of the real sample.
        [mean("hk_ccd_temperature_top", s) { ["CCD\($0)_TEMP_T", "HK_temp_top_CCD\($0)"] },
         mean("hk_ccd_temperature_bottom", s) { ["CCD\($0)_TEMP_B", "HK_temp_bottom_CCD\($0)"] }]
    }

    static func mean(_ name: String, _ s: VISSettings, keys: @escaping @Sendable (Int) -> [String]) -> DescriptorProvider {
        DescriptorProvider(name) { (context) throws(DescriptorFailure) -> ResolvedValue in
            let id = VISSidecarDescriptors.identity(context)
            guard let obsid = id.obsid, let ccd = id.ccd, let folder = id.folder else {
                throw .other("the ObsID, CCD and folder of the file are needed to find its housekeeping file")
            }
            let (file, fileName) = try s.housekeeping.file(obsid: obsid, folder: folder)
            for key in keys(ccd) {
                if let summary = file.summary(of: key) {
                    return ResolvedValue(.double(summary.mean),
                                         source: "housekeeping \(fileName): mean of \(key) over \(summary.count) readings")
                }
            }
            throw .missingSidecar("the housekeeping file \(fileName) has none of the keys \(keys(ccd).joined(separator: ", "))")
        }
    }
}
