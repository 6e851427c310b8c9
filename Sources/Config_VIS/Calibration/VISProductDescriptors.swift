import AstroKit
import Foundation

/// Descriptors of VIS products (master bias, dark, flat, defect mask, gain table) that the
/// calibration rules compare: products carry the raw frames' keywords (CCD serial, readout mode
/// and window, wavelength, temperatures, DATE-OBS), so they resolve the same way as raw frames.
enum VISProductDescriptors {
    static let definitions: [DescriptorDefinition] = [
        .init("ccd_serials", .list, summary: "Serials of the CCDs a gain table covers (SN_CCD1..SN_CCD3)"),
    ]

    /// The raw-frame descriptors a product needs for matching.
    static let matching: Set<String> = [
        "test", "readout_mode", "ccd_serial", "wavelength", "filter", "block_id", "ut_datetime", "vstart", "vend",
        "ccd_temperature_top", "ccd_temperature_bottom", "exposure_time",
    ]

    static func providers(_ s: VISSettings) -> [String: [DescriptorProvider]] {
        let raw = VISDescriptors.providers.filter { ["ccd", "obsid", "roe"].contains($0.descriptor) }
            + VISSidecarDescriptors.providers(s).filter { matching.contains($0.descriptor) }
        return ["VIS_PRODUCT": raw, "VIS_GAIN_TABLE": [serials], "VIS_READ_NOISE_TABLE": [serials]]
    }

    static let serials = DescriptorProvider("ccd_serials") { (context) throws(DescriptorFailure) -> ResolvedValue in
        let keys = (1...3).map { "SN_CCD\($0)" }
        let values = keys.compactMap { context.primaryHeader.string($0) }
        guard !values.isEmpty else { throw .missingKeyword(keys) }
        return ResolvedValue(.list(values.map(DescriptorValue.string)), source: "primary header SN_CCDn")
    }
}

/// The gain table a raw frame's gain and read noise come from, found in the registered
/// calibration database.
enum VISGainLookup {
    /// The best matching gain table with a source naming the product ("gain table
    /// /out/PTC01_GAIN_TB.fits (PTC01, 2018-06-04)"), or why there is none.
    static func table(for dataset: AstroData, in database: CalibrationDatabase) -> Result<GainTable, DescriptorFailure> {
        do {
            let selection = try database.select("gain_table", for: dataset)
            guard let record = selection.chosen?.record else { return .failure(.other(selection.failureSentence)) }
            let product = try VISGainTableProduct.read(record.path)
            let day = String(VISTableProductFile.fitsText(product.observed).prefix(10))
            return .success(product.gainTable(source: "\(record.path) (\(product.test), \(day))"))
        } catch {
            return .failure(.other(String(describing: error)))
        }
    }
}

/// The read-noise table (BIAS01/BIAS02) a raw frame's read noise comes from.
enum VISReadNoiseLookup {
    static func table(for dataset: AstroData, in database: CalibrationDatabase) -> Result<(VISReadNoiseTableProduct, String), DescriptorFailure> {
        do {
            let selection = try database.select("read_noise_table", for: dataset)
            guard let record = selection.chosen?.record else { return .failure(.other(selection.failureSentence)) }
            let product = try VISReadNoiseTableProduct.read(record.path)
            let day = String(VISTableProductFile.fitsText(product.observed).prefix(10))
            return .success((product, "\(record.path) (\(product.test), \(day))"))
        } catch {
            return .failure(.other(String(describing: error)))
        }
    }
}
