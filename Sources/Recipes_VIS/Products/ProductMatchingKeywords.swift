import AstroKit
import Config_VIS
import Foundation

extension ProductFiles {
    /// Copies into a product's primary header what the calibration database matches it on
    /// (VISCalibrationRules): the CCD's serial, readout mode and window, the wavelength, the
    /// block, the CCD temperatures (mean over the inputs) and DATE-OBS (the first input).
    ///
    /// Without them a stored master bias would carry only its processing date and match
    /// nothing, silently: DRAGONS' commonest complaint (ASTRODATA.md 3).
    ///
    /// ```swift
    /// var header = ProductFiles.primaryHeader(kind: "BIAS", test: test, ccd: 1, inputs: names, summary: "...")
    /// ProductFiles.addMatchingKeywords(&header, frames: ccdFrames)
    /// ```
    public static func addMatchingKeywords(_ header: inout FITSHeader, frames: [VISFrame]) {
        guard let first = frames.min(by: { $0.obsid < $1.obsid }), let dataset = try? AstroData.open(first.path) else { return }
        func text(_ name: String) -> String? {
            dataset.descriptor(name).values.first.map(\.value.text).flatMap { $0.isEmpty ? nil : $0 }
        }
        func number(_ name: String, of data: AstroData) -> Double? { data.descriptor(name).values.first?.value.doubleValue }
        if let serial = text("ccd_serial") { header.set("CCD_SN", .string(serial), comment: "serial of the CCD (input frames)") }
        if let mode = text("readout_mode") { header.set("RDMODE", .string(mode), comment: "readout mode of the input frames") }
        header.set("VSTART", .integer(first.vstart), comment: "first row of the readout window")
        header.set("VEND", .integer(first.vend), comment: "row after the last of the readout window")
        if let wave = number("filter", of: dataset) { header.set("WAVE", .integer(Int(wave)), comment: "filter-wheel position of the inputs") }
        if let block = text("block_id") { header.set("BLOCKID", .string(block), comment: "detector block") }
        if case .date(let date)? = dataset.descriptor("ut_datetime").values.first?.value {
            header.set("DATE-OBS", .string(fitsDate(date)), comment: "start of the first input exposure (UTC)")
        }
        // Temperatures: the mean over every input, as vison's CCDTTOP/CCDTBOT.
        for (name, key) in [("ccd_temperature_top", "R1C\(first.ccd)_TT"), ("ccd_temperature_bottom", "R1C\(first.ccd)_TB")] {
            let values = frames.compactMap { frame in (try? AstroData.open(frame.path)).flatMap { number(name, of: $0) } }
            guard !values.isEmpty else { continue }
            header.set(key, .real(values.reduce(0, +) / Double(values.count)), comment: "mean CCD temperature of the inputs (C)")
        }
    }
}
