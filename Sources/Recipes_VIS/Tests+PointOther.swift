import Config_VIS
import Foundation

/// Point-source tests (FOCUS00, PSF0X, PSFLUX00) and the mixed tests PERSIST01, MOT_WARM and
/// COSMETICS00 (VIS.md 3.2, 3.3.8, 3.3.9, 3.3.10).
extension TestCatalog {
    /// Effective saturation for point sources (vison's `context.eff_satur`), ADU.
    static let pointSaturation = 55000.0

    /// A point-source exposure: the spot mirror in, at the filter's nominal focus plus `offset` mm.
    private func pointExposure(_ b: StructureBuilder, _ percent: Double, wavelength: Int,
                               mirrorOffset: Double = 0) throws(TestCatalogError) -> [ExposureLogField: SettingValue] {
        var settings = try b.exposure(percent, .point, wavelength: wavelength)
        let position = try b.filterPosition(wavelength)
        guard let nominal = chamber.mirrorNominal(filterPosition: position) else {
            throw .missingMirrorPosition(filterPosition: position, chamber: chamber.name)
        }
        settings[.mirr_on] = 1
        settings[.mirr_pos] = .number(nominal + mirrorOffset)
        return settings
    }

    func focus(_ name: String, suffix: String?) throws(TestCatalogError) -> TestDefinition {
        guard let nm = suffix.flatMap({ Int($0) }), VISCampaign.wavelengthsFOCUS.contains(nm) else {
            throw .unknownTest(name, suggestion: "FOCUS00_800")
        }
        var b = builder(name)
        for j in -4...4 {
            let offset = Double(j) * 0.2
            b.add(1, "mirror \(offset >= 0 ? "+" : "")\(SettingValue.number(offset)) mm", .pointSource,
                  try pointExposure(b, 60, wavelength: nm, mirrorOffset: offset), relativeFluence: 60)
        }
        return definition(name, family: "FOCUS00", summary: "Best focus at \(nm) nm: spot FWHM against mirror position",
                          b, defaults: TestDefaults(wavelength: nm, subtasks: ["lock", "relock", "check", "prep", "basic", "meta"]))
    }

    /// PSF01_λ, PSF02_<T> (800 nm, one frame fewer at 25 %) and PSFLUX00_λ.
    func pointSpread(_ name: String, suffix: String?) throws(TestCatalogError) -> TestDefinition {
        let family = name.hasPrefix("PSFLUX") ? "PSFLUX00" : String(name.prefix(5))
        let wavelength: Int
        let levels: [(Double, Int)]
        switch family {
        case "PSF02":
            guard suffix == "148K" || suffix == "158K" else { throw .unknownTest(name, suggestion: "PSF02_148K") }
            wavelength = 800; levels = [(5, 20), (25, 14), (50, 10), (75, 4), (90, 4)]
        case "PSF01":
            guard let nm = suffix.flatMap({ Int($0) }), VISCampaign.wavelengthsPSF01.contains(nm) else {
                throw .unknownTest(name, suggestion: "PSF01_800")
            }
            wavelength = nm; levels = [(5, 20), (25, 15), (50, 10), (75, 4), (90, 4)]
        default:
            guard let nm = suffix.flatMap({ Int($0) }), VISCampaign.wavelengthsPSFLUX.contains(nm) else {
                throw .unknownTest(name, suggestion: "PSFLUX00_800")
            }
            wavelength = nm; levels = [(10, 1), (30, 1), (60, 1), (80, 1)]
        }
        var b = builder(name)
        for (percent, frames) in levels {
            b.add(frames, "fluence \(SettingValue.number(percent)) %", .pointSource,
                  try pointExposure(b, percent, wavelength: wavelength), relativeFluence: percent)
        }
        // Spot peak fluence: r % of the effective saturation, ± 30 % (PSF0X.get_PeakFlu_lims).
        var limits = TestLimits(performance: performance)
        for column in b.columns {
            let centre = (column.relativeFluence ?? 0) / 100 * Self.pointSaturation
            limits.columnFluence[column.label] = (centre * 0.7)...(centre * 1.3)
        }
        limits.fluenceMeaning = "spot peak fluence above bias (ADU)"
        return definition(name, family: "PSF0X",
                          summary: "Point-spread function and photometry at \(wavelength) nm\(family == "PSF02" ? " with the CCDs at \(suffix!)" : "")",
                          b, limits: limits,
                          defaults: TestDefaults(wavelength: wavelength,
                                                 subtasks: ["lock", "relock", "check", "prep", "corrBFE_G15", "basic",
                                                            "basic_nobfe", "bayes", "meta", "xtalk_sex", "xtalk_build",
                                                            "xtalk_meta", "debugtask"]))
    }

    func persistence() throws(TestCatalogError) -> TestDefinition {
        // vison sets the point source, filter F2 and the mirror 10 mm out of focus as common
        // values, so the bias and dark frames log them too (with the shutter closed).
        guard let nominal = chamber.mirrorNominal(filterPosition: 2) else {
            throw .missingMirrorPosition(filterPosition: 2, chamber: chamber.name)
        }
        var b = builder("PERSIST01", [.source: "point", .wave: 2, .mirr_on: 1, .mirr_pos: .number(nominal - 10)])
        b.add(5, "RESET (bias)", .bias)
        b.add(3, "REFER. (dark 565 s)", .dark, [.exptime: 565])
        b.add(1, "EXPOSE (saturating, 600 s)", .pointSource, [.exptime: 600])
        b.add(3, "LATENT (dark 565 s)", .dark, [.exptime: 565])
        var limits = TestLimits(performance: performance)
        limits.saturatedFraction = 0.002...0.2
        limits.backgroundFluence = 0...200
        return definition("PERSIST01", family: "PERSIST01", summary: "Persistence after a saturating point-source exposure",
                          b, limits: limits, defaults: TestDefaults(subtasks: ["check", "prep", "satur_masks", "basic", "meta"]))
    }

    func warmReadiness() throws(TestCatalogError) -> TestDefinition {
        var b = builder("MOT_WARM", [.toi_ro: 500])
        b.add(1, "bias rwd_bas_vs", .bias, ELVISScriptDefaults.readout("rwd_bas_vs"))
        b.add(1, "bias rwd_bas_v", .bias, ELVISScriptDefaults.readout("rwd_bas_v"))
        b.add(1, "RAMP", .bias, ELVISScriptDefaults.readout("fwd_bas"))
        var inject: [ExposureLogField: SettingValue] = [.chinj: 1, .chinj_on: 30, .chinj_of: 50, .IDL: 10.5, .IDH: 18]
        inject.merge(ELVISScriptDefaults.ig1(4.5)) { $1 }
        inject.merge(ELVISScriptDefaults.ig2(7.0)) { $1 }
        b.add(1, "charge injection", .chargeInjection, inject)
        b.add(1, "flat 50 %", .flat, try b.exposure(50, .flat, wavelength: 800), relativeFluence: 50)
        for nm in [590, 730, 880] {
            b.add(1, "point \(nm) nm 50 %", .pointSource, try pointExposure(b, 50, wavelength: nm), relativeFluence: 50)
        }
        var limits = TestLimits(performance: performance)
        limits.hardEdgeResponseMaximum = performance.hardEdgeResponseMaximum
        return definition("MOT_WARM", family: "MOT_WARM", summary: "Warm readiness: readout modes, ramp, injection, flat and spots",
                          b, limits: limits, defaults: TestDefaults(subtasks: ["check", "basic"]))
    }

    func cosmetics() throws(TestCatalogError) -> TestDefinition {
        var b = builder("COSMETICS00")
        b.add(5, "bias", .bias)
        b.add(5, "flat 50 %", .flat, try b.exposure(50, .flat, wavelength: 800), relativeFluence: 50)
        return definition("COSMETICS00", family: "COSMETICS00", summary: "Defect masks from 5 biases and 5 flats at 800 nm",
                          b, defaults: TestDefaults(offsetMethod: .median, wavelength: 800, subtasks: ["check", "masks", "meta"]))
    }
}
