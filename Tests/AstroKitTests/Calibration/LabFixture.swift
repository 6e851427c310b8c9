import AstroKit
import Foundation

/// A fictitious laboratory camera (LAB) with one calibration rule, so the database is tested
/// without any real instrument: raw frames and master biases that carry DETECTOR, RDMODE,
/// CCDTEMP and DATE-OBS.
struct LabConfiguration: ConfigurationModule {
    var name: String { "LAB" }

    var types: [TypeDefinition] {
        [.instrument("LAB", usage: "A raw LAB frame", requires: .primary("INSTRUME", .equals("LAB")) && !.primary("PROCTYPE", .present)),
         .instrument("LAB_BIAS", usage: "A LAB master bias", requires: .primary("INSTRUME", .equals("LAB")) && .primary("PROCTYPE", .equals("BIAS")))]
    }

    var descriptorDefinitions: [DescriptorDefinition] {
        [.init("readout_mode", .string, summary: "Readout mode (RDMODE)"),
         .init("temperature", .double, unit: .kelvin, summary: "Detector temperature (CCDTEMP)")]
    }

    var descriptorProviders: [String: [DescriptorProvider]] {
        let list = [DescriptorProvider.keyword("readout_mode", ["RDMODE"], as: .string),
                    DescriptorProvider.keyword("temperature", ["CCDTEMP"], as: .double, unit: .kelvin)]
        return ["LAB": list, "LAB_BIAS": list]
    }

    var calibrationRules: [CalibrationRule] {
        [CalibrationRule(kind: "processed_bias", productType: "LAB_BIAS", appliesTo: "LAB",
                         criteria: [.exact("detector_name"), .exact("readout_mode"),
                                    .within("temperature", 2, unit: "K"), .withinDays(90)])]
    }
}

enum LabFiles {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("caldb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func registry() throws -> ConfigurationRegistry {
        let registry = ConfigurationRegistry()
        try registry.register(LabConfiguration())
        return registry
    }

    /// A frame (proctype nil) or product, with a 4 x 4 image of `level`.
    @discardableResult
    static func write(_ folder: URL, _ name: String, proctype: String? = nil, detector: String = "CCD-A",
                      mode: String = "fast", temperature: Double = 153, date: String = "2018-06-04T10:00:00",
                      processed: String? = nil, level: Float = 1000) throws -> String {
        let path = folder.appendingPathComponent(name).path
        var header = FITSHeader()
        header.set("INSTRUME", .string("LAB"))
        if let proctype { header.set("PROCTYPE", .string(proctype)) }
        header.set("DETECTOR", .string(detector))
        header.set("RDMODE", .string(mode))
        header.set("CCDTEMP", .real(temperature))
        header.set("DATE-OBS", .string(date))
        if let processed { header.set("DATE", .string(processed)) }
        try FITSWriter.write(to: path, overwrite: true) { writer in
            try writer.addImage([Float](repeating: level, count: 16), shape: [4, 4], header: header)
        }
        return path
    }
}
