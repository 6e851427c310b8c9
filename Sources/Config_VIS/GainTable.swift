import Foundation

/// Measured gain and read noise per CCD and quadrant, e.g. from a PTC01 GAIN_TB product.
///
/// Registered with the configuration (``VISConfiguration/init(exposureLogs:chamber:blockID:gainTable:)``),
/// it replaces the nominal values of the `gain`, `read_noise`, `quadrant_gains` and
/// `quadrant_read_noise` descriptors; the calibration database fills it from products.
///
/// ```swift
/// let table = GainTable(source: "PTC01_GAIN_TB EINSTEIN 2018-03-02", entries: [
///     .init(ccd: 1, quadrant: .E, gain: 3.42, readNoise: 4.1, ccdSerial: "14173-14-01"),
/// ])
/// table.entry(ccd: 1, serial: "14173-14-01", quadrant: .E)?.gain   // 3.42
/// ```
public struct GainTable: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public var ccd: Int
        public var quadrant: Quadrant
        /// e-/ADU.
        public var gain: Double
        /// e-, when measured.
        public var readNoise: Double?
        /// The CCD's serial number; when both the entry and the frame know it, it must match,
        /// so a table measured on one block is never applied to another's CCDs.
        public var ccdSerial: String?

        public init(ccd: Int, quadrant: Quadrant, gain: Double, readNoise: Double? = nil, ccdSerial: String? = nil) {
            self.ccd = ccd
            self.quadrant = quadrant
            self.gain = gain
            self.readNoise = readNoise
            self.ccdSerial = ccdSerial
        }
    }

    /// Where the numbers come from, quoted in descriptor sources.
    public var source: String
    public var entries: [Entry]

    public init(source: String, entries: [Entry]) {
        self.source = source
        self.entries = entries
    }

    public func entry(ccd: Int, serial: String?, quadrant: Quadrant) -> Entry? {
        entries.first { e in
            e.ccd == ccd && e.quadrant == quadrant
                && (e.ccdSerial == nil || serial == nil || e.ccdSerial == serial)
        }
    }

    /// Nominal gain (e-/ADU) used without a table: vison's `nomG`, in LE1 headers and NL/BF.
    public static let nominalGain = 3.5
    /// Nominal read noise (ADU): vison's `ccd.py` RON.
    public static let nominalReadNoiseADU = 1.4
    /// Nominal read noise in electrons: 1.4 ADU at 3.5 e-/ADU, written out so it prints as 4.9.
    public static let nominalReadNoise = 4.9
}
