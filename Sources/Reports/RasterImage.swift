import CPNG
import Foundation

/// An 8-bit RGB or RGBA raster, row 0 at the top, encoded to and decoded from PNG through
/// libpng's simplified API (no codec of our own).
///
/// ```swift
/// let image = RasterImage(width: 2, height: 1, channels: 3, bytes: [255, 0, 0, 0, 0, 255])
/// let png = try image.pngData()                       // embed as data:image/png;base64,...
/// let shot = try RasterImage.readPNG("page.png")      // always RGBA
/// shot.count { r, g, b, a in a > 0 && (r, g, b) != (255, 255, 255) }
/// ```
public struct RasterImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// 3 (RGB) or 4 (RGBA).
    public var channels: Int
    public var bytes: [UInt8]

    public init(width: Int, height: Int, channels: Int = 3, bytes: [UInt8]) {
        precondition(channels == 3 || channels == 4, "RasterImage holds RGB or RGBA")
        precondition(bytes.count == width * height * channels, "RasterImage: \(bytes.count) bytes for \(width) x \(height) x \(channels)")
        self.width = width
        self.height = height
        self.channels = channels
        self.bytes = bytes
    }

    /// The image as a PNG file's bytes.
    public func pngData() throws -> Data {
        var image = png_image()
        image.version = astrokit_png_image_version()
        image.width = png_uint_32(width)
        image.height = png_uint_32(height)
        image.format = channels == 4 ? astrokit_png_format_rgba() : astrokit_png_format_rgb()
        var size = 0
        // First call sizes the output, second writes it.
        guard png_image_write_to_memory(&image, nil, &size, 0, bytes, 0, nil) != 0, size > 0 else {
            throw RasterImageError("cannot encode a \(width) x \(height) PNG: \(Self.message(&image))")
        }
        var out = Data(count: size)
        let ok = out.withUnsafeMutableBytes { buffer in
            png_image_write_to_memory(&image, buffer.baseAddress, &size, 0, bytes, 0, nil)
        }
        guard ok != 0 else { throw RasterImageError("cannot encode a \(width) x \(height) PNG: \(Self.message(&image))") }
        return out.prefix(size)
    }

    /// `data:image/png;base64,...`, for `<img src>` or SVG `<image href>`.
    public func dataURI() throws -> String {
        "data:image/png;base64," + (try pngData()).base64EncodedString()
    }

    /// Reads a PNG file, converted to RGBA whatever its colour type.
    public static func readPNG(_ path: String) throws -> RasterImage {
        var image = png_image()
        image.version = astrokit_png_image_version()
        guard png_image_begin_read_from_file(&image, path) != 0 else {
            throw RasterImageError("\(path): not a readable PNG (\(message(&image)))")
        }
        image.format = astrokit_png_format_rgba()
        let width = Int(image.width), height = Int(image.height)
        var bytes = [UInt8](repeating: 0, count: width * height * 4)
        let ok = bytes.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
        guard ok != 0 else {
            png_image_free(&image)
            throw RasterImageError("\(path): the PNG cannot be decoded (\(message(&image)))")
        }
        return RasterImage(width: width, height: height, channels: 4, bytes: bytes)
    }

    /// How many pixels satisfy a test on (red, green, blue, alpha); alpha is 255 for RGB.
    public func count(where test: (UInt8, UInt8, UInt8, UInt8) -> Bool) -> Int {
        var n = 0
        for i in stride(from: 0, to: bytes.count, by: channels) {
            if test(bytes[i], bytes[i + 1], bytes[i + 2], channels == 4 ? bytes[i + 3] : 255) { n += 1 }
        }
        return n
    }

    private static func message(_ image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}

public struct RasterImageError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
