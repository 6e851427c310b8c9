import AstroKit
import Config_VIS
import Foundation

/// Names, headers and writing of the VIS test products under `<output>/<TEST>/`.
public enum ProductFiles {
    /// The software named in every product header; raised with each release of the VIS tests.
    public static let software = "AstroKit"
    public static let softwareVersion = "0.5.0"

    /// The primary header of a product: what it is, the test and recipe, the software and
    /// every input file (INPUTnnn), so a product says how it was made on its own.
    public static func primaryHeader(kind proctype: String, test: String, ccd: Int, inputs: [String], summary: String) -> FITSHeader {
        var h = FITSHeader()
        h.set("INSTRUME", .string("VIS"), comment: "Euclid VIS ground calibration")
        h.set("PROCTYPE", .string(proctype), comment: "kind of product")
        h.set("TEST", .string(test), comment: "campaign test")
        h.set("RECIPE", .string("\(test).recipe"), comment: "AstroKit recipe (recipes/VIS)")
        h.set("SOFTWARE", .string(software), comment: "software that made the product")
        h.set("SWVERS", .string(softwareVersion), comment: "software version")
        h.set("CCD", .integer(ccd), comment: "CCD of the block")
        h.set("DATE", .string(fitsDate(Date())), comment: "creation time (UTC)")
        h.set("NINPUTS", .integer(inputs.count), comment: "number of input frames")
        for (i, name) in inputs.prefix(999).enumerated() {
            h.set(String(format: "INPUT%03d", i + 1), .string(name), comment: "input frame")
        }
        h.set("CONTENT", .string(summary))
        return h
    }

    /// FITS dates are ISO 8601 without a zone designator (UTC is implied; 'Z' is illegal).
    static func fitsDate(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        return f.string(from: date)
    }

    static func extensionHeader(_ bunit: String?) -> FITSHeader {
        var h = FITSHeader()
        if let bunit { h.set("BUNIT", .string(bunit)) }
        return h
    }

    /// Writes a stack (STACK, STD, MASK) to the staging folder as a product.
    static func writeStack(_ context: ReductionContext, name: String, result: StackResult, header: FITSHeader,
                           inputs: Int, summary: String) throws {
        let mask = result.usedCount.values.map { Int32($0 < UInt16(inputs) ? 1 : 0) }
        try context.writeProduct(name: name, summary: summary) { path in
            try FITSWriter.write(to: path, overwrite: true) { w in
                try w.addPrimary(header: header)
                try w.addImage(result.stack, header: extensionHeader("ADU"), extname: "STACK")
                try w.addImage(result.standardDeviation, header: extensionHeader("ADU"), extname: "STD")
                try w.addImage(mask, shape: result.stack.shape, header: extensionHeader(nil), extname: "MASK")
            }
        }
    }

    /// Writes a defect mask (MASK, and the image it was found in as DEFECTS) as a product.
    static func writeMask(_ context: ReductionContext, name: String, mask: PixelArray<Int32>, image: PixelArray<Float>?,
                          header: FITSHeader, summary: String) throws {
        try context.writeProduct(name: name, summary: summary) { path in
            try FITSWriter.write(to: path, overwrite: true) { w in
                try w.addPrimary(header: header)
                try w.addImage(mask, header: extensionHeader(nil), extname: "MASK")
                if let image { try w.addImage(image, header: extensionHeader(nil), extname: "DEFECTS") }
            }
        }
    }

    /// Reads one image extension of a staged product.
    static func readStaged(_ context: ReductionContext, _ name: String, hdu: Int) throws -> PixelArray<Float> {
        let path = context.stagingFolder.appendingPathComponent(name).path
        do { return try FITSFile.open(path).readImage(hdu: hdu, as: Float.self).pixels }
        catch { throw VISStepError("\(path): the staged product cannot be read (\(error))") }
    }
}
