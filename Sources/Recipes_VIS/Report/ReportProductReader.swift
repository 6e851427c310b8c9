import AstroKit
import Foundation

/// Reads what the report draws from the products: 2-D images (by EXTNAME, else the first 2-D
/// image) and table columns (by name, in the first table HDU), through the FITS layer.
enum ReportProductReader {
    struct Image {
        var values: [Float]
        var width: Int
        var height: Int
    }

    static func image(_ url: URL, extname: String? = nil) throws -> Image {
        let file = try FITSFile.open(url.path)
        let infos = try file.allInfo()
        let images = infos.filter { ($0.kind == .image || $0.kind == .primary || $0.kind == .compressedImage) && $0.naxis.count == 2 }
        guard let hdu = (extname.flatMap { name in images.first { $0.extname?.uppercased() == name } } ?? images.first) else {
            throw VISStepError("\(url.path): no 2-D image\(extname.map { " (\($0))" } ?? "") to draw")
        }
        let read = try file.readImage(hdu: hdu.index, as: Float.self).pixels
        return Image(values: read.values, width: read.shape[0], height: read.shape[1])
    }

    /// The columns of the first table HDU, as doubles (integers converted) or strings.
    static func table(_ url: URL, columns: [String]) throws -> (numbers: [String: [Double]], strings: [String: [String]]) {
        let file = try FITSFile.open(url.path)
        guard let hdu = try file.allInfo().first(where: { $0.kind == .binaryTable || $0.kind == .asciiTable }) else {
            throw VISStepError("\(url.path): no table HDU")
        }
        var numbers: [String: [Double]] = [:], strings: [String: [String]] = [:]
        for name in columns {
            switch try? file.readColumn(hdu: hdu.index, name: name) {
            case .doubles(let v)?: numbers[name] = v
            case .integers(let v)?: numbers[name] = v.map(Double.init)
            case .logicals(let v)?: numbers[name] = v.map { $0 ? 1 : 0 }
            case .strings(let v)?: strings[name] = v
            case nil: break
            }
        }
        return (numbers, strings)
    }
}
