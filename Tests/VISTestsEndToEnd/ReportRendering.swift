import Foundation
import Reports

/// What a reader sees of a report: the page rendered by headless Chromium to a PNG (read back
/// through libpng), and counts of the elements that make it up.
struct RenderedReport {
    let html: String
    let screenshot: RasterImage

    /// Renders `url` at 1280 pixels wide; the PNG is kept at `png` for a person to look at.
    init(_ url: URL, png: URL, height: Int = 5000) throws {
        html = try String(contentsOf: url, encoding: .utf8)
        try HeadlessBrowser.find().screenshot(html: url, to: png, width: 1280, height: height)
        screenshot = try RasterImage.readPNG(png.path)
        // ASTROKIT_REPORT_SCREENSHOTS=DIR keeps a copy of each screenshot there, to look at.
        if let dir = ProcessInfo.processInfo.environment["ASTROKIT_REPORT_SCREENSHOTS"], !dir.isEmpty {
            let target = URL(fileURLWithPath: dir).appendingPathComponent(png.lastPathComponent)
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: target)
            try? FileManager.default.copyItem(at: png, to: target)
        }
    }

    func count(_ text: String) -> Int { html.components(separatedBy: text).count - 1 }

    /// Fraction of the screenshot's pixels that are not white (text, tables, figures).
    var inkFraction: Double {
        Double(screenshot.count { r, g, b, _ in r < 245 || g < 245 || b < 245 }) / Double(screenshot.width * screenshot.height)
    }

    /// Pixels of exactly one colour (a CSS background, a chart series' colour).
    func pixels(_ rgb: (UInt8, UInt8, UInt8)) -> Int { screenshot.count { r, g, b, _ in (r, g, b) == rgb } }
}
