import Config_VIS
import Foundation

/// Flat-source tests: FLAT0X, PTC0X, FLATFLUX00, NL01, NL02 (VIS.md 3.2, 3.3.3, 3.3.4, 3.3.6).
extension TestCatalog {
    private static let flatSubtasks = ["check", "prep", "indivflats", "masterflat", "prmask"]
    private static let ptcSubtasks = ["check", "prep", "extract_PTC", "meta", "extract_HER", "debugtask"]

    /// Adds one column per (percent, frames) at a wavelength and returns the fluence limits.
    private func addFluences(_ b: inout StructureBuilder, _ levels: [(percent: Double, frames: Int)],
                             wavelength: Int, role: String = "fluence") throws(TestCatalogError) {
        for level in levels {
            b.add(level.frames, "\(role) \(SettingValue.number(level.percent)) %", .flat,
                  try b.exposure(level.percent, .flat, wavelength: wavelength), relativeFluence: level.percent)
        }
    }

    /// vison's flat checks: each column's fluence within ±10 % of min(r, 100 %) × 2^16 and the
    /// time to 2^16 ADU from the flux within ±10 % of the chamber's.
    private func flatLimits(_ b: StructureBuilder, wavelength: Int) throws(TestCatalogError) -> TestLimits {
        var limits = TestLimits(performance: performance)
        for column in b.columns {
            if let r = column.relativeFluence {
                limits.columnFluence[column.label] = performance.flatFluenceRange(relativeFluencePercent: r)
            }
        }
        limits.fluenceMeaning = "median image fluence above the overscan median (ADU)"
        limits.saturationTime = performance.saturationTimeRange(nominal: try b.exposureTime(100, .flat, wavelength: wavelength))
        return limits
    }

    func flat(_ name: String, suffix: String?) throws(TestCatalogError) -> TestDefinition {
        let wavelength: Int
        let levels: [(Double, Int)]
        switch name {
        case "FLAT01": wavelength = 800; levels = [(25, 80), (50, 60), (75, 30)]
        case "FLAT_STB": wavelength = 800; levels = [(30, 15)]
        default:
            guard let nm = suffix.flatMap({ Int($0) }), VISCampaign.wavelengthsFLAT02.contains(nm) else {
                throw .unknownTest(name, suggestion: "FLAT02_730")
            }
            wavelength = nm; levels = [(25, 80), (75, 30)]
        }
        var b = builder(name)
        try addFluences(&b, levels.map { ($0.0, $0.1) }, wavelength: wavelength)
        return definition(name, family: "FLAT0X", summary: "Flat fields and PRNU at \(wavelength) nm",
                          b, limits: try flatLimits(b, wavelength: wavelength),
                          defaults: TestDefaults(wavelength: wavelength, subtasks: Self.flatSubtasks))
    }

    func photonTransfer(_ name: String, suffix: String?) throws(TestCatalogError) -> TestDefinition {
        var wavelength = 800
        var testDiff: [ExposureLogField: SettingValue] = [:]
        let levels: [(Double, Int)]
        var summary = "Photon transfer curve and gain at 800 nm"
        if name == "PTC01" {
            levels = [5, 10, 20, 30, 50, 70, 80, 90, 100, 110, 120].enumerated().map { ($0.element, $0.offset < 8 ? 10 : 4) }
        } else {
            levels = [10, 30, 50, 70, 80, 90].map { ($0, 4) }
            switch suffix {
            case "148K", "158K":
                summary += " with the CCDs at \(suffix!) (set outside ELVIS)"
            case "155R", "160R", "165R":
                let volts = Double(suffix!.dropLast())! / 10
                testDiff = [.RD_T: .number(volts), .RD_B: .number(volts)]
                summary += " with RD = \(volts) V"
            default:
                guard let nm = suffix.flatMap({ Int($0) }), VISCampaign.wavelengthsPTC02.contains(nm) else {
                    throw .unknownTest(name, suggestion: "PTC02_730")
                }
                wavelength = nm
                summary = "Photon transfer curve and gain at \(nm) nm"
            }
        }
        var b = builder(name, [.vstart: 0, .vend: 2086], testDiff: testDiff)
        try addFluences(&b, levels, wavelength: wavelength)
        var limits = try flatLimits(b, wavelength: wavelength)
        limits.hardEdgeResponseMaximum = performance.hardEdgeResponseMaximum
        return definition(name, family: "PTC0X", summary: summary, b, limits: limits,
                          defaults: TestDefaults(colourAware: true, wavelength: wavelength, subtasks: Self.ptcSubtasks))
    }

    /// vison defines FLATFLUX00 twice (VIS.md 3.2 [quirk]); the second block, with the point
    /// source's times, overwrites the first. We keep the first: FLATFLUX00 is a PTC0X (flat)
    /// task whose fluence checks expect {5, 20, 50, 80} % of the flat source's full well, which
    /// only the first block gives; the second is PSFLUX00's list copied under the wrong name.
    func flatFlux(_ name: String, suffix: String?) throws(TestCatalogError) -> TestDefinition {
        guard let nm = suffix.flatMap({ Int($0) }), VISCampaign.wavelengthsFLATFLUX.contains(nm) else {
            throw .unknownTest(name, suggestion: "FLATFLUX00_800")
        }
        var b = builder(name)
        try addFluences(&b, [5, 20, 50, 80].map { ($0, 1) }, wavelength: nm)
        var limits = try flatLimits(b, wavelength: nm)
        limits.hardEdgeResponseMaximum = performance.hardEdgeResponseMaximum
        return definition(name, family: "PTC0X", summary: "Flat-source flux at \(nm) (1 frame at 5, 20, 50, 80 % full well)",
                          b, limits: limits, defaults: TestDefaults(colourAware: true, wavelength: nm, subtasks: Self.ptcSubtasks))
    }

    private static let nlSubtasks = ["check", "prep", "extract", "NL", "satCTE"]

    func nonLinearity01() throws(TestCatalogError) -> TestDefinition {
        var b = builder("NL01")
        let stab = try b.exposure(50, .flat, wavelength: 0)
        b.add(3, "BGD", .bias, [.exptime: 0, .wave: stab[.wave]!])
        b.add(1, "STAB", .flat, stab, relativeFluence: 50)
        for percent in [0.5, 0.7, 1, 2, 3, 5, 10, 20, 30, 55, 70, 80, 85, 90, 95, 100, 110] {
            try addFluences(&b, [(percent, 4)], wavelength: 0)
            b.add(1, "STAB", .flat, stab, relativeFluence: 50)
        }
        // NL01's limits: the background column near zero, every other column at its fluence.
        var limits = try flatLimits(b, wavelength: 0)
        limits.columnFluence["col001"] = -10...20
        limits.saturationTime = nil
        return definition("NL01", family: "NL01", summary: "Non-linearity with one source (filter F6, ND)", b,
                          limits: limits, defaults: TestDefaults(wavelength: 0, subtasks: Self.nlSubtasks))
    }

    /// NL02: low fluences with the attenuated source (wave 0), high ones at 880 nm, each
    /// fluence column followed by a stability frame at 50 % of full well at 880 nm.
    func nonLinearity02(_ name: String, suffix: String?) throws(TestCatalogError) -> TestDefinition {
        let all: [Double] = [0.5, 0.7, 1, 2, 3, 5, 10, 15, 20, 25, 50, 70, 80, 85, 90, 95, 100, 110]
        var low = Array(all[0...9]), high = Array(all[7...17])
        var testDiff: [ExposureLogField: SettingValue] = [:]
        var summary = "Non-linearity with two sources (ND below 25 %, 880 nm from 15 %)"
        if let suffix {
            // NL02RD: no overlap between the sets, RD stepped (VIS.md 3.2).
            guard ["155R", "160R", "165R"].contains(suffix) else { throw .unknownTest(name, suggestion: "NL02_160R") }
            let volts = Double(suffix.dropLast())! / 10
            low = Array(all[0...6]); high = Array(all[8...17])
            testDiff = [.RD_T: .number(volts), .RD_B: .number(volts)]
            summary = "Non-linearity with two sources at RD = \(volts) V"
        }
        var b = builder(name, [:], testDiff: testDiff)
        let stab = try b.exposure(50, .flat, wavelength: 880)
        b.add(3, "BGD", .bias, [.exptime: 0])
        b.add(1, "STAB", .flat, stab, relativeFluence: 50)
        for (set, wavelength) in [(low, 0), (high, 880)] {
            for percent in set {
                try addFluences(&b, [(percent, 4)], wavelength: wavelength, role: wavelength == 0 ? "set A" : "set B")
                b.add(1, "STAB", .flat, stab, relativeFluence: 50)
            }
        }
        // NL02 skips the fluence and flux checks (VIS.md 3.3.6).
        return definition(name, family: "NL02", summary: summary, b,
                          defaults: TestDefaults(offsetMethod: .none, wavelength: 880,
                                                 subtasks: ["check", "prep", "extract", "simulNL", "NL", "satCTE",
                                                            "extract_PTC", "debugtask"]))
    }
}
