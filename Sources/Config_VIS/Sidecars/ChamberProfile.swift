import Foundation

/// An optical-ground-support (OGSE) profile of a test chamber, from `Lookups/chamber_profiles.json`.
///
/// Gives, per filter, the exposure time to reach 2^16 ADU with the flat or the point source,
/// the wavelength behind each filter-wheel position, the nominal focus-mirror position and
/// the spot FWHM. Filter "wavelengths" 2000 (open) and 0 (attenuated, ND) are settings, not nm.
/// Each profile's ``source`` says which of its numbers are exact and which representative.
///
/// ```swift
/// let chamber = try ChamberProfile.load("CHAMBER_B_EINSTEIN")
/// chamber.wavelength(filterPosition: 4)                         // 800
/// chamber.timeToFullWell(.flat, filterPosition: 4)              // 3.4 s
/// chamber.timeToFullWell(.point, wavelength: 590)               // 12.0 s
/// ```
public struct ChamberProfile: Sendable, Equatable, Decodable {
    public enum Illumination: Sendable { case flat, point }

    /// The profile's name (aliases resolve to the profile that holds the numbers).
    public var name: String = ""
    public var source: String
    /// `F1`...`F6` → nm, or 2000 (open) / 0 (ND).
    public var filterWheel: [String: Int]
    /// `nmNNN` → seconds to 2^16 ADU.
    public var flatTimeToFullWell: [String: Double]
    public var pointTimeToFullWell: [String: Double]
    /// `F1`...`F6` → mm.
    public var mirrorNominal: [String: Double]?
    /// `nmNNN` → px.
    public var fwhm: [String: Double]?
    /// The shutter calibration table to use, e.g. "B".
    public var shutter: String?

    enum CodingKeys: String, CodingKey {
        case source, filterWheel = "FW", flatTimeToFullWell = "tFWC_flat", pointTimeToFullWell = "tFWC_point"
        case mirrorNominal = "mirror_nom", fwhm = "fwhm_lambda", shutter
    }

    /// The wavelength (nm) or setting (2000 open, 0 ND) at a filter-wheel position 1...6.
    public func wavelength(filterPosition: Int) -> Int? {
        filterWheel["F\(filterPosition)"]
    }

    public func timeToFullWell(_ illumination: Illumination, wavelength: Int) -> Double? {
        (illumination == .flat ? flatTimeToFullWell : pointTimeToFullWell)["nm\(wavelength)"]
    }

    public func timeToFullWell(_ illumination: Illumination, filterPosition: Int) -> Double? {
        wavelength(filterPosition: filterPosition).flatMap { timeToFullWell(illumination, wavelength: $0) }
    }

    /// Nominal focus-mirror position (mm) for a filter.
    public func mirrorNominal(filterPosition: Int) -> Double? {
        mirrorNominal?["F\(filterPosition)"]
    }

    /// Nominal point-source FWHM (px) at a wavelength or setting.
    public func fwhm(wavelength: Int) -> Double? {
        fwhm?["nm\(wavelength)"]
    }

    private struct File: Decodable {
        let aliases: [String: String]
        let profiles: [String: ChamberProfile]
    }

    /// Profile names, aliases included.
    public static func availableProfiles() throws(LookupTableError) -> [String] {
        let file = try LookupTable.decode(File.self, from: "chamber_profiles")
        return (Array(file.profiles.keys) + Array(file.aliases.keys)).sorted()
    }

    /// A profile by name, e.g. `CHAMBER_B_EINSTEIN`; `CHAMBER_B_NOSTROMO` resolves to `CHAMBER_B_BORN`.
    public static func load(_ name: String) throws(LookupTableError) -> ChamberProfile {
        let file = try LookupTable.decode(File.self, from: "chamber_profiles")
        let resolved = file.aliases[name.uppercased()] ?? name.uppercased()
        guard var profile = file.profiles[resolved] else {
            throw .unknownEntry(table: "chamber_profiles.json", name: name, known: try availableProfiles())
        }
        profile.name = resolved
        return profile
    }
}
